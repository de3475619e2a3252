package org.jianyi.vendor;

import java.util.Map;

/** A request refused before the core saw it (too large, not JSON): answered 400. */
public class BadRequestException extends RuntimeException {
    private final String code;
    private final Map<String, Object> details;

    public BadRequestException(String code, String detail, Map<String, Object> details) {
        super(detail);
        this.code = code;
        this.details = details;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
