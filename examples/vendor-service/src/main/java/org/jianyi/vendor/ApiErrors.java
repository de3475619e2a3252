package org.jianyi.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jianyi.JianyiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every error as `{"code", "detail", "details"}` with the core's stable code:
 * bad input (`input.*`, `request.*`) 400, a refused command 422, a command that became
 * invalid while another instance appended 409, unknown item 404, the database down 503 (with
 * Retry-After).
 */
@RestControllerAdvice
public class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private final ObjectMapper json;

    public ApiErrors(ObjectMapper json) {
        this.json = json;
    }

    @ExceptionHandler(JianyiException.class)
    public ResponseEntity<ObjectNode> core(JianyiException e) {
        if (e instanceof JianyiException.Input x) {
            return body(HttpStatus.BAD_REQUEST, x.getCode(), x.getDetail(), x.getDetailsJson());
        }
        if (e instanceof JianyiException.Rejected x) {
            return body(HttpStatus.UNPROCESSABLE_ENTITY, x.getCode(), x.getDetail(), x.getDetailsJson());
        }
        if (e instanceof JianyiException.Calendar x) {
            return body(HttpStatus.UNPROCESSABLE_ENTITY, x.getCode(), x.getDetail(), x.getDetailsJson());
        }
        if (e instanceof JianyiException.Profile x) {
            return body(HttpStatus.UNPROCESSABLE_ENTITY, x.getCode(), x.getDetail(), x.getDetailsJson());
        }
        if (e instanceof JianyiException.Ledger x) {
            LOG.error("the stored lines do not apply: {}", x.getDetail());
            return body(HttpStatus.INTERNAL_SERVER_ERROR, x.getCode(), x.getDetail(), x.getDetailsJson());
        }
        LOG.error("internal error", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "internal", String.valueOf(e.getMessage()), "{}");
    }

    @ExceptionHandler(ConflictException.class)
    public ResponseEntity<ObjectNode> conflict(ConflictException e) {
        JianyiException.Rejected r = e.refusal();
        return body(HttpStatus.CONFLICT, r.getCode(), r.getDetail(), r.getDetailsJson());
    }

    @ExceptionHandler(BadRequestException.class)
    public ResponseEntity<ObjectNode> badRequest(BadRequestException e) {
        return body(HttpStatus.BAD_REQUEST, e.code(), e.getMessage(), json.valueToTree(e.details()).toString());
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    public ResponseEntity<ObjectNode> badParameter(Exception e) {
        return body(HttpStatus.BAD_REQUEST, "request.bad_parameter", e.getMessage(), "{}");
    }

    @ExceptionHandler(NotFoundException.class)
    public ResponseEntity<ObjectNode> notFound(NotFoundException e) {
        return body(HttpStatus.NOT_FOUND, "request.not_found", e.getMessage(), "{}");
    }

    @ExceptionHandler(StoreUnavailableException.class)
    public ResponseEntity<ObjectNode> unavailable(StoreUnavailableException e) {
        LOG.warn("{}", e.getMessage());
        return retryLater(body(HttpStatus.SERVICE_UNAVAILABLE, "store.unavailable", e.getMessage(), "{}"));
    }

    @ExceptionHandler(TamperedLedgerException.class)
    public ResponseEntity<ObjectNode> tampered(TamperedLedgerException e) {
        LOG.error("{}", e.getMessage());
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "store.tampered", e.getMessage(),
                "{\"seq\":" + e.seq() + "}");
    }

    private static ResponseEntity<ObjectNode> retryLater(ResponseEntity<ObjectNode> r) {
        return ResponseEntity.status(r.getStatusCode()).header("Retry-After", "1")
                .contentType(MediaType.APPLICATION_JSON).body(r.getBody());
    }

    private ResponseEntity<ObjectNode> body(HttpStatus status, String code, String detail, String detailsJson) {
        ObjectNode out = json.createObjectNode();
        out.put("code", code);
        out.put("detail", detail);
        JsonNode details;
        try {
            details = json.readTree(detailsJson);
        } catch (Exception ignored) {
            details = json.createObjectNode();
        }
        out.set("details", details);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(out);
    }
}
