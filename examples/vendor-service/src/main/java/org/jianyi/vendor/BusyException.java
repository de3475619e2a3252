package org.jianyi.vendor;

/** Every append attempt lost to another instance: answered 503 with Retry-After. */
public class BusyException extends RuntimeException {
    public BusyException(int attempts) {
        super("the ledger moved on " + attempts + " times while this command was decided; retry it");
    }
}
