package org.jianyi.vendor;

/** The stored ledger does not hold together: a row was edited, removed or inserted. */
public class TamperedLedgerException extends RuntimeException {
    private final long seq;

    public TamperedLedgerException(long seq, String what) {
        super("ledger store tampered at seq " + seq + ": " + what);
        this.seq = seq;
    }

    /** The row named (0: the header). */
    public long seq() {
        return seq;
    }
}
