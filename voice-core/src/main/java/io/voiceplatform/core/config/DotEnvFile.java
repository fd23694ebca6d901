package io.voiceplatform.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code .env} file: {@code KEY=VALUE} lines, {@code #} comments, an optional {@code export } prefix, and
 * values optionally in single quotes (taken literally) or double quotes ({@code \n}, {@code \"}, {@code \\}
 * escapes). Unquoted values end at a {@code #} that follows a space.
 */
final class DotEnvFile {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    private static final Pattern INLINE_COMMENT = Pattern.compile("\\s+#.*$");

    private DotEnvFile() {
    }

    /** The variables of the file, in file order; a later line wins over an earlier one. */
    static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int equals = line.indexOf('=');
            String name = equals < 0 ? line : line.substring(0, equals).strip();
            if (equals < 0 || !NAME.matcher(name).matches()) {
                throw new InvalidConfigException(where(file, i) + " is not a NAME=VALUE line");
            }
            variables.put(name, value(line.substring(equals + 1).strip(), file, i));
        }
        return variables;
    }

    private static String value(String text, Path file, int index) {
        if (text.startsWith("'") || text.startsWith("\"")) {
            char quote = text.charAt(0);
            int end = closingQuote(text, quote);
            String rest = end < 0 ? "" : text.substring(end + 1).strip();
            if (end < 0 || !(rest.isEmpty() || rest.startsWith("#"))) {
                throw new InvalidConfigException(where(file, index) + " has a value with an unterminated or misplaced " + quote);
            }
            String inner = text.substring(1, end);
            return quote == '\'' ? inner : unescape(inner);
        }
        return INLINE_COMMENT.matcher(text).replaceFirst("");
    }

    private static int closingQuote(String text, char quote) {
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quote == '"') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String where(Path file, int index) {
        return ".env file " + file + " line " + (index + 1);
    }
}
