package io.voiceplatform.tools.validate;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The arithmetic and parsing behind the report: percentiles, trends, Prometheus text, WAV padding. */
class TestValidateMeasurements {
    @Test
    void percentilesAreNearestRankOverEveryValue() {
        // 1..100 ms shuffled: the p-th percentile of 100 values is the value p.
        List<Double> values = new ArrayList<>(IntStream.rangeClosed(1, 100).mapToObj(i -> (double) i).toList());
        java.util.Collections.shuffle(values, new java.util.Random(7));
        LatencySummary summary = LatencySummary.of(values.stream().mapToDouble(Double::doubleValue).toArray());
        assertEquals(100, summary.count());
        assertEquals(50.5, summary.meanMs(), 1e-9);
        assertEquals(50.0, summary.p50Ms());
        assertEquals(95.0, summary.p95Ms());
        assertEquals(99.0, summary.p99Ms());
        assertEquals(100.0, summary.maxMs());
    }

    @Test
    void percentilesOfFewValuesRoundTheRankUp() {
        double[] sorted = {120, 340, 560, 900, 4000};
        assertEquals(560, LatencySummary.percentile(sorted, 50));   // rank ceil(2.5) = 3
        assertEquals(4000, LatencySummary.percentile(sorted, 95));  // rank ceil(4.75) = 5
        assertEquals(120, LatencySummary.percentile(sorted, 20));   // rank 1
        assertEquals(340, LatencySummary.percentile(sorted, 21));   // rank ceil(1.05) = 2
        assertEquals(7.0, LatencySummary.percentile(new double[]{7}, 99));
        assertEquals(LatencySummary.EMPTY, LatencySummary.of(new double[0]));
        assertNull(LatencySummary.EMPTY.p95Ms());
    }

    @Test
    void theSlopeIsTheLeastSquaresFit() {
        // y = 3x + 2 exactly, then with symmetric noise that cancels.
        assertEquals(3.0, Slope.of(new double[]{0, 1, 2, 3}, new double[]{2, 5, 8, 11}), 1e-12);
        assertEquals(3.0, Slope.of(new double[]{0, 1, 2, 3}, new double[]{3, 4, 7, 12}), 1e-12);
        assertEquals(0.0, Slope.of(new double[]{0, 1, 2}, new double[]{5, 5, 5}), 1e-12);
        assertNull(Slope.of(new double[]{1}, new double[]{1}));
        assertNull(Slope.of(new double[]{2, 2}, new double[]{1, 3}));
    }

    @Test
    void heapSlopeIsInMegabytesPerMinute() {
        // 1 MB more every 10 s is 6 MB/min; threads first/last/max come from the same samples.
        List<ResourceSample> samples = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            samples.add(new ResourceSample(i * 10, 100.0 + i, 50.0, 20.0 + i, 30.0 + (i == 3 ? 5 : 0)));
        }
        ResourceSummary summary = ResourceSummary.of(samples, 0, null);
        assertEquals(6.0, summary.heapSlopeMbPerMin(), 1e-9);
        assertEquals(0.0, summary.heapAfterGcSlopeMbPerMin(), 1e-9);
        assertEquals(106.0, summary.heapMaxMb());
        assertEquals(103.0, summary.heapMeanMb(), 1e-9);
        assertEquals(23.0, summary.cpuMeanPercent(), 1e-9);
        assertEquals(30.0, summary.threadsFirst());
        assertEquals(30.0, summary.threadsLast());
        assertEquals(35.0, summary.threadsMax());
        assertNull(summary.note());
        assertEquals("GET /metrics gave no sample: connection refused",
                ResourceSummary.of(List.of(), 3, "connection refused").note());
    }

    @Test
    void prometheusHeapIsSummedOverThePoolsAndCpuIsAShare() {
        String metrics = """
                # HELP jvm_memory_used_bytes The amount of used memory
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{area="heap",id="Eden Space"} 1.048576E7
                jvm_memory_used_bytes{area="heap",id="Tenured Gen"} 2.097152E7
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.9E7
                jvm_memory_used_bytes{area="heap",id="weird } \\" pool"} 1048576
                jvm_memory_used_bytes_total 5
                process_cpu_usage 0.375
                jvm_threads_live_threads 42.0
                """;
        ResourceSample sample = ResourceSample.parse(1.5, metrics);
        assertEquals(31.0, sample.heapUsedMb(), 1e-9);
        assertEquals(37.5, sample.cpuPercent(), 1e-9);
        assertEquals(42.0, sample.liveThreads());
        assertNull(sample.heapAfterGcMb());
        assertNull(PrometheusText.value(metrics, "jvm_gc_live_data_size_bytes"));
    }

    @Test
    void silenceIsAppendedInsideTheDataChunkAndTheSizesFollow() {
        byte[] pcm = {1, 0, 2, 0, 3, 0};
        byte[] list = "LIST\4\0\0\0abcd".getBytes(StandardCharsets.ISO_8859_1);
        byte[] wav = wav(pcm, list);
        byte[] padded = WavPadding.withSilence(wav, 5);
        ByteBuffer in = ByteBuffer.wrap(padded).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(padded.length - 8, in.getInt(4), "RIFF size");
        assertEquals("data", new String(padded, 36, 4, StandardCharsets.US_ASCII));
        assertEquals(pcm.length + 10, in.getInt(40), "data size: 5 frames of 2 bytes more");
        assertArrayEquals(pcm, Arrays.copyOfRange(padded, 44, 44 + pcm.length));
        assertArrayEquals(new byte[10], Arrays.copyOfRange(padded, 44 + pcm.length, 44 + pcm.length + 10));
        assertArrayEquals(list, Arrays.copyOfRange(padded, padded.length - list.length, padded.length), "the LIST chunk is kept");
        assertEquals(wav.length + 10, padded.length);
        assertThrows(IllegalArgumentException.class, () -> WavPadding.withSilence("not audio at all".getBytes(StandardCharsets.US_ASCII), 1));
    }

    @Test
    void aDataSizePlaceholderLargerThanTheFileIsRewritten() {
        byte[] wav = wav(new byte[]{1, 0, 2, 0}, new byte[0]);
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 0x7ffff024);
        byte[] padded = WavPadding.withSilence(wav, 1);
        assertEquals(6, ByteBuffer.wrap(padded).order(ByteOrder.LITTLE_ENDIAN).getInt(40));
    }

    @Test
    void durationsAcceptMillisecondsSecondsMinutes() {
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofSeconds(30), DurationConverter.parse("30s"));
        assertEquals(Duration.ofMinutes(5), DurationConverter.parse("5m"));
        assertEquals(Duration.ofSeconds(300), DurationConverter.parse("300"));
        assertEquals(Duration.ofMillis(1500), DurationConverter.parse("1.5s"));
        assertThrows(TypeConversionException.class, () -> DurationConverter.parse("soon"));
        assertThrows(TypeConversionException.class, () -> DurationConverter.parse("0s"));
    }

    @Test
    void reportPathsAreABaseOrOneOfTheTwoFiles() {
        assertEquals(new ReportFiles(Path.of("out/run1.md"), Path.of("out/run1.json")), ReportFiles.at(Path.of("out/run1")));
        assertEquals(new ReportFiles(Path.of("out/run1.md"), Path.of("out/run1.json")), ReportFiles.at(Path.of("out/run1.md")));
        assertEquals(new ReportFiles(Path.of("run1.md"), Path.of("run1.json")), ReportFiles.at(Path.of("run1.json")));
    }

    @Test
    void theCacheRatioCountsOnlyRepeatsAfterTheFirstAnswer() {
        List<Outcome> outcomes = List.of(
                outcome(Operation.TTS, true, false, "MISS"),   // first occurrence: not counted
                outcome(Operation.TTS, true, true, "HIT"),
                outcome(Operation.TTS, true, true, "HIT"),
                outcome(Operation.STT, true, true, "MISS"),
                outcome(Operation.STT, false, false, "MISS"),  // distinct: not counted
                outcome(Operation.STT, true, true, "HIT"));
        CacheSummary cache = CacheSummary.of(outcomes);
        assertEquals(5, cache.repeatedRequests());
        assertEquals(4, cache.counted());
        assertEquals(3, cache.hits());
        assertEquals(75.0, cache.hitRatioPercent(), 1e-9);
        assertEquals(50.0, cache.perOperation().get(Operation.STT).hitRatioPercent(), 1e-9);
        assertEquals(100.0, cache.perOperation().get(Operation.TTS).hitRatioPercent(), 1e-9);

        CacheSummary off = CacheSummary.of(List.of(outcome(Operation.TTS, true, true, null)));
        assertNull(off.hitRatioPercent());
        assertEquals("no answer carried X-Voice-Cache (the performance module is off or not installed)", off.note());
    }

    private static Outcome outcome(Operation operation, boolean repeated, boolean afterWarm, String cache) {
        return new Outcome(operation, 0, 10, 200, true, false, null, cache, repeated, repeated && afterWarm);
    }

    private static byte[] wav(byte[] pcm, byte[] trailer) {
        ByteBuffer b = ByteBuffer.allocate(44 + pcm.length + (pcm.length & 1) + trailer.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(b.capacity() - 8).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(16000).putInt(32000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.length).put(pcm);
        if ((pcm.length & 1) == 1) {
            b.put((byte) 0);
        }
        b.put(trailer);
        return b.array();
    }
}
