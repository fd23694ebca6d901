package io.voiceplatform.tools.validate;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;

/**
 * Where the validation ran (on loopback, also where the service ran).
 *
 * @param host       host name
 * @param os         operating system name and version
 * @param arch       processor architecture
 * @param processors processors available to the JVM
 * @param memoryMb   physical memory; null when the JVM cannot say
 * @param java       the validating JVM's version and vendor
 */
record Machine(String host, String os, String arch, int processors, Long memoryMb, String java) {
    static Machine current() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown";
        }
        Long memory = null;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize() / (1024 * 1024);
        }
        return new Machine(host, System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), memory,
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    }
}
