package org.jianyi.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jianyi.Jianyi_uniffiKt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An edited row is found when an instance starts (it refuses to), named by its seq. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TamperedRowTest {
    private static TamperedLedgerException startupFailure(String db) {
        Exception e = assertThrows(Exception.class, () -> Instance.start(db).close());
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TamperedLedgerException tampered) {
                return tampered;
            }
        }
        throw new AssertionError("the instance failed to start, but not on the ledger's rows", e);
    }

    @Test
    void anEditedLineIsNamedByItsSeqAtStartup() throws Exception {
        List<String> commands = Jianyi_uniffiKt.generatedCommandsJson(4L, 3L).subList(0, 40);
        String db = Pg.freshDatabase("vendor_tamper");
        try (Instance a = Instance.start(db)) {
            for (String c : commands) {
                assertEquals(201, Http.post(a.uri("/commands"), c).status());
            }
            // Edited while the instance runs: its verify endpoint names the row.
            String original = Pg.dump(db);
            assertEquals(1, Pg.update(db, "UPDATE ledger_line SET line = replace(line, '\"on\":\"', '\"on\":\"1') WHERE seq = 17"));
            JsonNode v = Http.get(a.uri("/ledger/verify")).json();
            assertEquals(false, v.path("ok").asBoolean());
            assertEquals(17, v.path("seq").asLong(), v.toString());
            assertTrue(original.length() < Pg.dump(db).length());
        }
        long rows = Pg.rows(db);

        // An instance starting on it refuses, naming seq 17.
        TamperedLedgerException e = startupFailure(db);
        assertEquals(17, e.seq());
        assertTrue(e.getMessage().contains("seq 17"), e.getMessage());

        // Put back, it starts; then the last row (no line after it links to it) is edited.
        Pg.update(db, "UPDATE ledger_line SET line = replace(line, '\"on\":\"1', '\"on\":\"') WHERE seq = 17");
        Instance.start(db).close();
        Pg.update(db, "UPDATE ledger_line SET line = replace(line, '\"on\":\"', '\"on\":\"1') WHERE seq = " + rows);
        assertEquals(rows, startupFailure(db).seq());

        // A row's prev column changed, and a row deleted.
        Pg.update(db, "UPDATE ledger_line SET line = replace(line, '\"on\":\"1', '\"on\":\"') WHERE seq = " + rows);
        Pg.update(db, "UPDATE ledger_line SET prev = repeat('0', 64) WHERE seq = 5");
        TamperedLedgerException prev = startupFailure(db);
        assertEquals(5, prev.seq());
        assertTrue(prev.getMessage().contains("prev column"), prev.getMessage());
        Pg.update(db, "UPDATE ledger_line SET prev = substr(line, 10, 64) WHERE seq = 5");
        Pg.update(db, "DELETE FROM ledger_line WHERE seq = 9");
        assertEquals(9, startupFailure(db).seq());
    }
}
