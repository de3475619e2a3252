package org.jianyi.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jianyi.Jianyi_uniffiKt;
import jianyi.Ledger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two instances on one database, eight clients: nothing lost, nothing recorded twice. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SeveralInstancesTest {
    /** A small generated city-year: its story's commands, then the single-instance replay. */
    static final long SUGGESTIONS = 24;
    static final long SEED = 2022;

    @Test
    void aCityYearSentByEightClientsAcrossTwoInstancesIsRecordedOnceInOrder() throws Exception {
        List<String> commands = Jianyi_uniffiKt.generatedCommandsJson(SUGGESTIONS, SEED);
        assertTrue(commands.size() > 300, commands.size() + " commands");
        String db = Pg.freshDatabase("vendor_several");
        try (Instance a = Instance.start(db); Instance b = Instance.start(db);
                Ledger single = new Ledger("seed-city", null)) {
            CityYearClient.Tally tally = new CityYearClient(List.of(a.base, b.base), 8).run(commands);
            assertTrue(tally.refused.isEmpty(), "refused: " + tally.refused);
            assertEquals(commands.size(), tally.created.get());
            assertEquals(0, tally.duplicates.get());

            // The store: every accepted command's events, once, chained.
            assertEquals(tally.events.get(), Pg.rows(db));
            for (Instance i : List.of(a, b)) {
                JsonNode v = Http.get(i.uri("/ledger/verify")).json();
                assertTrue(v.path("ok").asBoolean(), v.toString());
                assertEquals(tally.events.get(), v.path("rows").asLong());
            }
            assertTrue(Jianyi_uniffiKt.verifyLedger(Pg.jsonl(db)).contains("\"broken\":null"));

            // The year's figures equal a single instance's replay of the same commands.
            long events = 0;
            for (String c : commands) {
                events += single.execute(c).getEventsJson().size();
            }
            assertEquals(events, tally.events.get());
            String expected = single.annualSummaryJson(2022, "2022-12-31");
            for (Instance i : List.of(a, b)) {
                Http.Answer figures = Http.get(i.uri("/reports/2022?asOf=2022-12-31&format=json"));
                assertEquals(200, figures.status());
                assertEquals(Http.JSON.readTree(expected), figures.json());
                String text = Http.get(i.uri("/reports/2022?asOf=2022-12-31&lang=zh&format=text")).body();
                assertEquals(single.summaryText(2022, "2022-12-31", "zh", "text"), text);
            }
            // The queries answer what the single instance's ledger answers.
            String item = single.itemIds().get(single.itemIds().size() / 2);
            JsonNode detail = Http.get(b.uri("/items/" + item)).json();
            // (The same facts; their positions in the ledger differ with the clients' order.)
            assertEquals(withoutSeq(Http.JSON.readTree(single.itemJson(item))), withoutSeq(detail.path("item")));
            assertEquals(withoutSeq(tree(single.timeline(item))),
                    withoutSeq(detail.path("timeline")));
            assertEquals(tree(single.obligations(item, "2022-06-30")),
                    Http.get(a.uri("/items/" + item + "/obligations?asOf=2022-06-30")).json());
            String lead = Http.JSON.readTree(single.itemJson(item)).path("lead").asText();
            assertEquals(tree(single.openObligationsOfDeputy(lead, "2022-06-30")),
                    Http.get(b.uri("/worklists/deputy/" + lead + "?asOf=2022-06-30")).json());
            String unit = null;
            List<jianyi.ObligationRecord> unitList = List.of();
            for (jianyi.ObligationRecord o : single.everyObligation("2022-06-30")) {
                if (o.getPartyKind() == jianyi.PartyKind.UNIT && unitList.isEmpty()) {
                    unit = o.getPartyId();
                    unitList = single.openObligationsOfUnit(unit, "2022-06-30");
                }
            }
            assertTrue(!unitList.isEmpty(), "a unit with open obligations on 30 June");
            assertEquals(tree(unitList),
                    Http.get(b.uri("/worklists/unit/" + unit + "?asOf=2022-06-30")).json());
            assertEquals(tree(single.reportTables(2022, "2022-12-31").get(0)),
                    Http.get(a.uri("/reports/2022/tables/" + single.reportTables(2022, "2022-12-31").get(0)
                            .getId() + "?asOf=2022-12-31")).json());

            // Each instance caught up with the other's appends: the stored ledger, same head.
            String stored = Pg.jsonl(db);
            for (Instance i : List.of(a, b)) {
                Ledger held = i.context.getBean(LedgerService.class).ledger();
                assertEquals(stored, held.toJsonl());
            }
            System.out.printf("vendor-service: %d commands, %d events by 8 clients across 2 instances; %d appended after"
                    + " losing to the other instance%n", tally.created.get(), tally.events.get(),
                    tally.retriedAppends.get());
        }
    }

    @Test
    void theSameCommandIdSentToTwoInstancesAtOnceIsRecordedOnce() throws Exception {
        String db = Pg.freshDatabase("vendor_idempotent");
        int rounds = 25;
        try (Instance a = Instance.start(db); Instance b = Instance.start(db)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int n = 0; n < rounds; n++) {
                    String command = committee("same-" + n, "C" + n);
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<Http.Answer>> answers = new ArrayList<>();
                    for (URI target : List.of(a.uri("/commands"), b.uri("/commands"))) {
                        Callable<Http.Answer> send = () -> {
                            go.await();
                            return Http.post(target, command);
                        };
                        answers.add(pool.submit(send));
                    }
                    go.countDown();
                    Http.Answer first = answers.get(0).get(1, TimeUnit.MINUTES);
                    Http.Answer second = answers.get(1).get(1, TimeUnit.MINUTES);
                    // One records it (201), the other answers the same events as a retry (200).
                    List<Integer> statuses = new ArrayList<>(List.of(first.status(), second.status()));
                    statuses.sort(null);
                    assertEquals(List.of(200, 201), statuses, first.body() + " / " + second.body());
                    assertEquals(first.json().path("events"), second.json().path("events"));
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(rounds, Pg.rows(db));
            // The same id with other content is refused on either instance, nothing stored.
            Http.Answer reused = Http.post(b.uri("/commands"), committee("same-0", "C-OTHER"));
            assertEquals(422, reused.status());
            assertEquals("command.id_reused", reused.code());
            assertEquals(rounds, Pg.rows(db));
        }
    }

    /** A value as the server writes it, read back (a long read back is an int node, as JSON). */
    static JsonNode tree(Object value) throws java.io.IOException {
        return Http.JSON.readTree(Http.JSON.writeValueAsString(value));
    }

    /** `node` without the ledger positions (`events`, `seq`) anywhere in it. */
    static JsonNode withoutSeq(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            o.remove(List.of("events", "seq"));
        }
        node.forEach(SeveralInstancesTest::strip);
    }

    static String committee(String id, String committee) {
        return "{\"id\":\"" + id + "\",\"on\":\"2022-01-05\",\"actor\":{\"role\":\"deputy_affairs_office\"},"
                + "\"action\":{\"type\":\"register_committee\",\"committee\":{\"id\":\"" + committee
                + "\",\"name\":\"财经委\"}}}";
    }
}
