package org.jianyi.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients sending a generated city-year's commands across several instances at once, in an
 * order the rules allow: an item's commands (a converted motion's with its suggestion's) go
 * in order from one client, different items' at the same time; a command that reads the whole
 * ledger (the directory's sessions and leaders, the August notice, rollover, evaluation rounds)
 * waits for everything before it and goes alone. A 503 is retried under the same command id.
 */
final class CityYearClient {
    /** What the run saw. */
    static final class Tally {
        final AtomicInteger created = new AtomicInteger();
        final AtomicInteger duplicates = new AtomicInteger();
        final AtomicLong events = new AtomicLong();
        final AtomicInteger unavailable = new AtomicInteger();
        /** Commands whose first append lost to another instance's (caught up, decided again). */
        final AtomicInteger retriedAppends = new AtomicInteger();
        final Map<String, String> refused = Collections.synchronizedMap(new LinkedHashMap<>());
        final List<Long> latencyNanos = Collections.synchronizedList(new ArrayList<>());
    }

    private final List<URI> instances;
    private final int threads;

    CityYearClient(List<URI> instances, int threads) {
        this.instances = instances;
        this.threads = threads;
    }

    /** Sends every command; returns what was seen. */
    Tally run(List<String> commands) throws Exception {
        Tally tally = new Tally();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<String> segment = new ArrayList<>();
            for (String command : commands) {
                if (alone(command)) {
                    runSegment(pool, segment, tally);
                    segment.clear();
                    send(command, 0, tally);
                } else {
                    segment.add(command);
                }
            }
            runSegment(pool, segment, tally);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        return tally;
    }

    /** Sends every command in the story's order, one at a time, alternating instances. */
    Tally runInOrder(List<String> commands) throws Exception {
        Tally tally = new Tally();
        int n = 0;
        for (String command : commands) {
            send(command, n++, tally);
        }
        return tally;
    }

    private void runSegment(ExecutorService pool, List<String> segment, Tally tally) throws Exception {
        if (segment.isEmpty()) {
            return;
        }
        // Union of the items a command names: an item's commands stay in order.
        Map<String, String> parent = new HashMap<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        List<String[]> keyed = new ArrayList<>();
        for (String command : segment) {
            List<String> items = items(command);
            String root = items.isEmpty() ? "command:" + keyed.size() : find(parent, items.get(0));
            for (String other : items) {
                String r = find(parent, other);
                if (!r.equals(root)) {
                    parent.put(r, root);
                }
            }
            keyed.add(new String[] {items.isEmpty() ? root : items.get(0), command});
        }
        for (String[] k : keyed) {
            String root = k[0].startsWith("command:") ? k[0] : find(parent, k[0]);
            groups.computeIfAbsent(root, x -> new ArrayList<>()).add(k[1]);
        }
        ConcurrentLinkedQueue<List<String>> queue = new ConcurrentLinkedQueue<>(groups.values());
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                List<String> group;
                while ((group = queue.poll()) != null) {
                    for (String command : group) {
                        send(command, next.getAndIncrement(), tally);
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get(10, TimeUnit.MINUTES);
        }
    }

    private static String find(Map<String, String> parent, String x) {
        String p = parent.getOrDefault(x, x);
        if (p.equals(x)) {
            return x;
        }
        String r = find(parent, p);
        parent.put(x, r);
        return r;
    }

    private void send(String command, int n, Tally tally) throws IOException, InterruptedException {
        URI target = instances.get(Math.floorMod(n, instances.size())).resolve("/commands");
        for (int attempt = 0; ; attempt++) {
            long t0 = System.nanoTime();
            Http.Answer a;
            try {
                a = Http.post(target, command);
            } catch (java.io.UncheckedIOException e) {
                a = new Http.Answer(503, "{\"code\":\"client.io\"}");
            }
            long took = System.nanoTime() - t0;
            if (a.status() == 503 && attempt < 600) {
                tally.unavailable.incrementAndGet();
                Thread.sleep(100);
                continue;
            }
            if (a.status() == 201 || a.status() == 200) {
                tally.latencyNanos.add(took);
                if (a.attempts() > 1) {
                    tally.retriedAppends.incrementAndGet();
                }
                JsonNode body = a.json();
                if (body.path("duplicate").asBoolean()) {
                    tally.duplicates.incrementAndGet();
                } else {
                    tally.created.incrementAndGet();
                    tally.events.addAndGet(body.path("events").size());
                }
            } else {
                tally.refused.put(Http.JSON.readTree(command).path("id").asText(), a.status() + " " + a.body());
            }
            return;
        }
    }

    /** A command that reads more than its own items: it waits for all before it. */
    static boolean alone(String command) throws IOException {
        JsonNode action = Http.JSON.readTree(command).path("action");
        String type = action.path("type").asText();
        if (type.equals("register_deputy") || type.equals("register_unit") || type.equals("register_committee")) {
            return false;
        }
        return !action.has("item");
    }

    /** The items a command names: its item, and the suggestion a motion converts into. */
    static List<String> items(String command) throws IOException {
        JsonNode action = Http.JSON.readTree(command).path("action");
        List<String> items = new ArrayList<>();
        if (action.path("item").isTextual()) {
            items.add(action.path("item").asText());
        }
        JsonNode converted = action.path("decision").path("suggestion");
        if (converted.isTextual()) {
            items.add(converted.asText());
        }
        return items;
    }
}
