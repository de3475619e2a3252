package org.jianyi.vendor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import jianyi.JianyiException;
import jianyi.Ledger;
import jianyi.PreparedAppend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance's ledger (台账): held in memory, decided locally, appended to the shared store.
 *
 * <p>A command is decided against the instance's ledger, caught up with the store first; its
 * lines are appended in one transaction that requires the head they were decided against.
 * When another instance appended first, the append fails: this instance retries once, under
 * the head row's lock, reading the new lines, applying them and deciding again (so it cannot
 * lose to a busier instance again and again: two attempts at most). A command that has become
 * invalid meanwhile is a {@link ConflictException} (409); a retried command id is answered
 * with the events recorded the first time, whichever instance recorded them.
 *
 * <p>Commands on one instance are serialised (one lock). A query catches up under the same
 * lock (behind a command in progress), then reads the ledger's snapshot without it.
 */
public class LedgerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerService.class);

    private final LedgerStore store;
    private final Ledger ledger;
    private final ReentrantLock lock = new ReentrantLock();

    /** What a recorded (or retried) command answers. */
    public record Recorded(List<String> eventsJson, boolean duplicate, int attempts) {}

    /**
     * Starts on the store: creates it when empty, then replays every row, refusing a store
     * whose rows do not hold together ({@link TamperedLedgerException} naming the row).
     */
    public LedgerService(LedgerStore store, String preset) throws JianyiException {
        this.store = store;
        try (Ledger empty = new Ledger(preset, null)) {
            String header = empty.toJsonl().split("\n", 2)[0];
            store.initialise(header, empty.chainHead());
        }
        LedgerStore.Header header = store.header();
        List<LedgerStore.Row> rows = store.rowsAfter(0);
        String text = ChainCheck.checkedText(header, rows);
        this.ledger = Ledger.Companion.fromJsonl(text, preset, null);
        LOG.info("ledger replayed from the store: {} lines, head {}", rows.size(), ledger.chainHead());
    }

    /** The in-memory ledger, for queries (call {@link #catchUp()} first). */
    public Ledger ledger() {
        return ledger;
    }

    /** Reads and applies the lines other instances appended since this one last looked. */
    public void catchUp() throws JianyiException {
        lock.lock();
        try {
            catchUpLocked();
        } finally {
            lock.unlock();
        }
    }

    private void catchUpLocked() throws JianyiException {
        List<String> lines = lines(store.rowsAfter(ledger.eventCount()));
        if (!lines.isEmpty()) {
            // The core checks each line links to the last one applied (ledger.chain_broken).
            ledger.applyEvents(lines);
        }
    }

    /**
     * Decides and records a command (JSON), appending its lines to the store first: once
     * optimistically; when another instance appended first, again under the head row's lock
     * (caught up, decided again, appended with no writer in between).
     */
    public Recorded execute(String commandJson) throws JianyiException {
        lock.lock();
        try {
            catchUpLocked();
            PreparedAppend prepared = ledger.prepare(commandJson);
            if (prepared.getDuplicate()) {
                return new Recorded(prepared.getEventsJson(), true, 1);
            }
            if (store.append(ledger.eventCount(), ledger.chainHead(), prepared.getLines(), prepared.getHead())) {
                ledger.applyEvents(prepared.getLines());
                return new Recorded(prepared.getEventsJson(), false, 1);
            }
            return retryHoldingTheHead(commandJson);
        } finally {
            lock.unlock();
        }
    }

    /** What the locked retry appended (`lines`, to apply once committed). */
    private record Appended(Recorded recorded, List<String> lines) {}

    private Recorded retryHoldingTheHead(String commandJson) throws JianyiException {
        Appended done;
        try {
            done = store.underHeadLock(locked -> {
                List<String> missed = lines(locked.rowsAfter(ledger.eventCount()));
                if (!missed.isEmpty()) {
                    ledger.applyEvents(missed);
                }
                PreparedAppend again;
                try {
                    again = ledger.prepare(commandJson);
                } catch (JianyiException.Rejected e) {
                    // Valid against the head it was first decided on, invalid after another
                    // instance's append: the command itself has become invalid.
                    throw new ConflictException(e);
                }
                if (again.getDuplicate()) {
                    return new Appended(new Recorded(again.getEventsJson(), true, 2), List.of());
                }
                if (!locked.append(ledger.eventCount(), ledger.chainHead(), again.getLines(), again.getHead())) {
                    // INVARIANT: the head row is locked, so the head is the one just read.
                    throw new IllegalStateException("the head moved while its row was locked");
                }
                return new Appended(new Recorded(again.getEventsJson(), false, 2), again.getLines());
            });
        } catch (JianyiException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (!done.lines().isEmpty()) {
            // Committed: now the ledger records the lines (the core checks they link).
            ledger.applyEvents(done.lines());
        }
        return done.recorded();
    }

    private static List<String> lines(List<LedgerStore.Row> rows) {
        List<String> lines = new ArrayList<>(rows.size());
        for (LedgerStore.Row row : rows) {
            lines.add(row.line());
        }
        return lines;
    }

    /** Decides a command without recording it: the facts it would record. */
    public List<String> check(String commandJson) throws JianyiException {
        catchUp();
        return ledger.decide(commandJson);
    }

    /** The stored rows checked as at startup: the number of rows and the head. */
    public String[] verifyStore() {
        LedgerStore.Header header = store.header();
        List<LedgerStore.Row> rows = store.rowsAfter(0);
        ChainCheck.checkedText(header, rows);
        return new String[] {Long.toString(rows.size()), header.head()};
    }

    @Override
    public void close() {
        ledger.close();
    }
}
