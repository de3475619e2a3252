package org.jianyi.vendor;

import java.sql.SQLException;

/** The database could not do the work (down, restarting, connection lost): answered 503. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(SQLException cause) {
        super("the ledger store is unavailable: " + cause.getMessage(), cause);
    }
}
