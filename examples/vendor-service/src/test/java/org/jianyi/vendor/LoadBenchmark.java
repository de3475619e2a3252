package org.jianyi.vendor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jianyi.Jianyi_uniffiKt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The load figure (a benchmark, not a test: `scripts/vendor-service-tests bench`, never in
 * CI): commands per second accepted by two instances with sixteen clients against one
 * PostgreSQL, and the p50 / p99 latency of an accepted command, for the bundled sample
 * city-year's story. Written to target/load-benchmark.txt; BENCHMARKS.md quotes it.
 */
@EnabledIfSystemProperty(named = "vendor.bench", matches = "true")
class LoadBenchmark {
    @Test
    void twoInstancesSixteenClients() throws Exception {
        List<String> commands = Jianyi_uniffiKt.generatedCommandsJson(null, 2022L);
        // Warm-up on a database of its own: the JIT, the pools, the core's first calls.
        String warm = Pg.freshDatabase("vendor_bench_warm");
        try (Instance a = Instance.start(warm); Instance b = Instance.start(warm)) {
            new CityYearClient(List.of(a.base, b.base), 16).run(commands.subList(0, commands.size() / 4));
        }
        // The floor: one instance, one client, the story in order (no contention at all).
        String one = Pg.freshDatabase("vendor_bench_one");
        String floor;
        try (Instance a = Instance.start(one)) {
            long t0 = System.nanoTime();
            CityYearClient.Tally t = new CityYearClient(List.of(a.base), 1).runInOrder(commands);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(t.refused.isEmpty(), "refused: " + t.refused);
            floor = String.format("one instance, one client in order: %d commands in %.2f s: %.0f commands/s;"
                    + " latency p50 %.1f ms, p99 %.1f ms%n", t.created.get(), seconds, t.created.get() / seconds,
                    percentile(t, 0.5), percentile(t, 0.99));
            System.out.print(floor);
        }
        String db = Pg.freshDatabase("vendor_bench");
        try (Instance a = Instance.start(db); Instance b = Instance.start(db)) {
            long t0 = System.nanoTime();
            CityYearClient.Tally t = new CityYearClient(List.of(a.base, b.base), 16).run(commands);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(t.refused.isEmpty(), "refused: " + t.refused);
            double p50 = percentile(t, 0.5);
            double p99 = percentile(t, 0.99);
            String report = String.format(
                    "commands: %d accepted (%d events) in %.2f s by 2 instances, 16 clients: %.0f commands/s;"
                            + " latency p50 %.1f ms, p99 %.1f ms; %d appended after losing to the other instance;"
                            + " %d answers 503 retried%n",
                    t.created.get(), t.events.get(), seconds, t.created.get() / seconds, p50, p99,
                    t.retriedAppends.get(), t.unavailable.get());
            System.out.print(report);
            Files.write(Paths.get("target/load-benchmark.txt"), (report + floor).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The latency of an accepted command at quantile `q`, in milliseconds. */
    static double percentile(CityYearClient.Tally t, double q) {
        List<Long> lat = new ArrayList<>(t.latencyNanos);
        Collections.sort(lat);
        return lat.get((int) Math.min(lat.size() - 1, Math.round((lat.size() - 1) * q))) / 1e6;
    }
}
