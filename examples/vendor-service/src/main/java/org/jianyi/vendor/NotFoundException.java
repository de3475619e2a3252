package org.jianyi.vendor;

/** An unknown item, table or worklist kind: answered 404. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String what) {
        super("no such " + what);
    }
}
