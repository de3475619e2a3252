package org.jianyi.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.TimeUnit;
import jianyi.JianyiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The append rule with the race made certain: another instance appends between this one's
 * decision and its append. Then this instance catches up and decides again: it records the
 * command on the next attempt (which holds the head row, so there is no third), and answers
 * 409 when the command has become invalid.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AppendRaceTest {
    /** A store that lets `other` run first each time this instance appends. */
    static final class Overtaken extends LedgerStore {
        Runnable other = () -> {};

        Overtaken(PGSimpleDataSource ds) {
            super(ds);
        }

        @Override
        public boolean append(long seq, String head, List<String> lines, String newHead) {
            other.run();
            return super.append(seq, head, lines, newHead);
        }
    }

    private static PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        return ds;
    }

    private static void run(LedgerService s, String command) {
        try {
            s.execute(command);
        } catch (JianyiException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anAppendOvertakenByAnotherInstanceIsDecidedAgain() throws Exception {
        String db = Pg.freshDatabase("vendor_race");
        Overtaken store = new Overtaken(dataSource(db));
        try (LedgerService mine = new LedgerService(store, "seed-city");
                LedgerService theirs = new LedgerService(new LedgerStore(dataSource(db)), "seed-city")) {
            // Another committee appended first: decided again on the new head, recorded.
            store.other = oneShot(() -> run(theirs, SeveralInstancesTest.committee("theirs-1", "C-THEIRS")));
            LedgerService.Recorded r = mine.execute(SeveralInstancesTest.committee("mine-1", "C-MINE"));
            assertFalse(r.duplicate());
            assertEquals(2, r.attempts());
            assertEquals(2, Pg.rows(db));

            // The same committee registered first by the other instance: the command itself
            // has become invalid (409, with the core's code), nothing stored.
            store.other = oneShot(() -> run(theirs, SeveralInstancesTest.committee("theirs-2", "C-SAME")));
            ConflictException c = assertThrows(ConflictException.class,
                    () -> mine.execute(SeveralInstancesTest.committee("mine-2", "C-SAME")));
            assertEquals("directory.duplicate_entry", c.refusal().getCode());
            var answer = new ApiErrors(Http.JSON).conflict(c);
            assertEquals(409, answer.getStatusCode().value());
            assertEquals("directory.duplicate_entry", answer.getBody().path("code").asText());
            assertEquals(3, Pg.rows(db));

            // The same command id recorded by the other instance first: the original events.
            String same = SeveralInstancesTest.committee("both-3", "C-BOTH");
            store.other = oneShot(() -> run(theirs, same));
            LedgerService.Recorded dup = mine.execute(same);
            assertEquals(true, dup.duplicate());
            assertEquals(4, Pg.rows(db));

            // Overtaken on every optimistic append: the retry holds the head row, so it cannot
            // lose again; the command is recorded at the second attempt.
            int[] n = {0};
            store.other = () -> run(theirs, SeveralInstancesTest.committee("flood-" + n[0], "C-FLOOD-" + n[0]++));
            for (int k = 0; k < 5; k++) {
                LedgerService.Recorded after = mine.execute(SeveralInstancesTest.committee("mine-" + (4 + k), "C-" + k));
                assertEquals(2, after.attempts());
            }
            assertEquals(5, n[0]);
            assertEquals(4 + 2 * 5, Pg.rows(db));
            store.other = () -> {};
            // Both hold the stored ledger.
            mine.catchUp();
            theirs.catchUp();
            assertEquals(Pg.jsonl(db), mine.ledger().toJsonl());
            assertEquals(Pg.jsonl(db), theirs.ledger().toJsonl());
        }
    }

    private static Runnable oneShot(Runnable r) {
        boolean[] done = {false};
        return () -> {
            if (!done[0]) {
                done[0] = true;
                r.run();
            }
        };
    }
}
