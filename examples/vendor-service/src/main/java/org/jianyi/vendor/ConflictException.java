package org.jianyi.vendor;

import jianyi.JianyiException;

/** A command that became invalid while another instance appended first: answered 409. */
public class ConflictException extends RuntimeException {
    private final JianyiException.Rejected refusal;

    public ConflictException(JianyiException.Rejected refusal) {
        super(refusal.getDetail(), refusal);
        this.refusal = refusal;
    }

    public JianyiException.Rejected refusal() {
        return refusal;
    }
}
