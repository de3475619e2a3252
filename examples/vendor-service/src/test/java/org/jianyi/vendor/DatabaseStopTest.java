package org.jianyi.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jianyi.Jianyi_uniffiKt;
import jianyi.Ledger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL stopped in the middle of a run (`pg_ctl stop -m fast`): the instances answer 503,
 * nothing is half-written, and once it is back the chain verifies and the clients resume.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DatabaseStopTest {
    @Test
    void requestsAnswer503WhileTheDatabaseIsDownAndTheRunResumesAfter() throws Exception {
        List<String> commands = Jianyi_uniffiKt.generatedCommandsJson(8L, 19L);
        String db = Pg.freshDatabase("vendor_stop");
        try (Instance a = Instance.start(db); Instance b = Instance.start(db);
                Ledger single = new Ledger("seed-city", null)) {
            // One client in the story's order, so that the store's order is the commands': the
            // stored text must then equal a single instance's, byte for byte (no line lost,
            // doubled or cut).
            CityYearClient client = new CityYearClient(List.of(a.base, b.base), 1);
            ExecutorService run = Executors.newSingleThreadExecutor();
            Future<CityYearClient.Tally> tally;
            long atStop;
            double downFor;
            int unavailable;
            int duplicates;
            try {
                tally = run.submit(() -> client.runInOrder(commands));
                // Stop once the store holds lines for about a third of the commands.
                while (Pg.rows(db) < commands.size() / 3) {
                    Thread.sleep(20);
                }
                atStop = Pg.rows(db);
                long down = System.nanoTime();
                Pg.control("stop");
                try {
                    Thread.sleep(1500);
                    // Both instances: commands and queries answer 503, with Retry-After.
                    Http.Answer command = Http.post(a.uri("/commands"),
                            SeveralInstancesTest.committee("down-1", "C-DOWN"));
                    assertEquals(503, command.status(), command.body());
                    assertEquals("store.unavailable", command.code());
                    Http.Answer query = Http.get(b.uri("/items/J2022-001"));
                    assertEquals(503, query.status(), query.body());
                    Http.Answer verify = Http.post(b.uri("/commands:check"), commands.get(0));
                    assertEquals(503, verify.status(), verify.body());
                } finally {
                    Pg.control("start");
                }
                downFor = (System.nanoTime() - down) / 1e9;
                CityYearClient.Tally t = tally.get(8, TimeUnit.MINUTES);
                unavailable = t.unavailable.get();
                duplicates = t.duplicates.get();
                assertTrue(t.unavailable.get() > 0, "the client saw no 503 while the database was down");
                assertTrue(t.refused.isEmpty(), "refused: " + t.refused);
                assertEquals(commands.size(), t.created.get() + t.duplicates.get());
            } finally {
                run.shutdownNow();
            }
            // Exactly the commands' lines: the command refused while the database was down
            // left nothing behind, and no command was cut in half.
            for (String c : commands) {
                single.execute(c);
            }
            String stored = Pg.jsonl(db);
            assertSameLines(single.toJsonl(), stored);
            assertTrue(Jianyi_uniffiKt.verifyLedger(stored).contains("\"broken\":null"));
            for (Instance i : List.of(a, b)) {
                JsonNode v = Http.get(i.uri("/ledger/verify")).json();
                assertTrue(v.path("ok").asBoolean(), v.toString());
                assertEquals(single.eventCount(), v.path("rows").asLong());
            }
            System.out.printf("vendor-service: database stopped at line %d of %d for %.1f s: %d answers 503"
                    + " retried under the same id, %d of them answered as duplicates (recorded before the"
                    + " answer was lost); the stored ledger equals a single instance's%n",
                    atStop, single.eventCount(), downFor, unavailable, duplicates);
            // And the service goes on: a new command is recorded.
            Http.Answer after = Http.post(b.uri("/commands"),
                    SeveralInstancesTest.committee("after-1", "C-AFTER"));
            assertEquals(201, after.status(), after.body());
            assertEquals(single.eventCount() + 1, Pg.rows(db));
        }
    }

    /** Equal texts, or the first line that differs (not two whole ledgers in the message). */
    static void assertSameLines(String expected, String actual) {
        String[] e = expected.split("\n");
        String[] a = actual.split("\n");
        for (int i = 0; i < Math.min(e.length, a.length); i++) {
            assertEquals(e[i], a[i], "line " + (i + 1));
        }
        assertEquals(e.length, a.length, "lines");
    }
}
