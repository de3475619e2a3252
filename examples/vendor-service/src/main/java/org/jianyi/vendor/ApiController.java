package org.jianyi.vendor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jianyi.CountTableRecord;
import jianyi.JianyiException;
import jianyi.Ledger;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP API: JSON in and out (the annual summary in the format asked for). */
@RestController
public class ApiController {
    /** Largest command body read; a longer one is refused without being parsed. */
    public static final int MAX_BODY = 64 * 1024;

    private final LedgerService service;
    private final ObjectMapper json;

    public ApiController(LedgerService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    /** Executes a command; its events (201), or for a retried id the original ones (200). */
    @PostMapping(path = "/commands", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ObjectNode> execute(HttpServletRequest request) throws Exception {
        String body = command(request);
        LedgerService.Recorded r = service.execute(body);
        ObjectNode out = json.createObjectNode();
        out.put("duplicate", r.duplicate());
        out.set("events", array(r.eventsJson()));
        // How many appends it took (more than one: another instance appended first).
        return ResponseEntity.status(r.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
                .header("Jianyi-Append-Attempts", Integer.toString(r.attempts())).body(out);
    }

    /** Decides a command without recording anything: the facts it would record. */
    @PostMapping(path = "/commands:check", produces = MediaType.APPLICATION_JSON_VALUE)
    public ObjectNode check(HttpServletRequest request) throws Exception {
        String body = command(request);
        ObjectNode out = json.createObjectNode();
        out.set("facts", array(service.check(body)));
        return out;
    }

    @GetMapping(path = "/items/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ObjectNode item(@PathVariable String id) throws Exception {
        Ledger ledger = current();
        String item = ledger.itemJson(id);
        if (item == null) {
            throw new NotFoundException("item " + id);
        }
        ObjectNode out = json.createObjectNode();
        out.set("item", json.readTree(item));
        out.set("timeline", json.valueToTree(ledger.timeline(id)));
        return out;
    }

    @GetMapping(path = "/items/{id}/obligations", produces = MediaType.APPLICATION_JSON_VALUE)
    public JsonNode obligations(@PathVariable String id, @RequestParam String asOf) throws Exception {
        Ledger ledger = current();
        if (ledger.itemJson(id) == null) {
            throw new NotFoundException("item " + id);
        }
        return json.valueToTree(ledger.obligations(id, asOf));
    }

    @GetMapping(path = "/worklists/{party}/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public JsonNode worklist(@PathVariable String party, @PathVariable String id, @RequestParam String asOf)
            throws Exception {
        Ledger ledger = current();
        return switch (party) {
            case "unit" -> json.valueToTree(ledger.openObligationsOfUnit(id, asOf));
            case "deputy" -> json.valueToTree(ledger.openObligationsOfDeputy(id, asOf));
            case "committee" -> json.valueToTree(ledger.openObligationsOfCommittee(id, asOf));
            default -> throw new NotFoundException("worklist kind " + party + " (unit, deputy or committee)");
        };
    }

    /** The annual summary: `format` text, md, html (zh or en), or json (the figures). */
    @GetMapping(path = "/reports/{year}")
    public ResponseEntity<String> report(@PathVariable int year, @RequestParam(required = false) String asOf,
            @RequestParam(defaultValue = "zh") String lang, @RequestParam(defaultValue = "text") String format)
            throws Exception {
        Ledger ledger = current();
        String on = asOf == null ? year + "-12-31" : asOf;
        MediaType type = switch (format) {
            case "json" -> MediaType.APPLICATION_JSON;
            case "html" -> MediaType.TEXT_HTML;
            case "md" -> MediaType.valueOf("text/markdown");
            default -> MediaType.TEXT_PLAIN;
        };
        String body = format.equals("json")
                ? ledger.annualSummaryJson(year, on)
                : ledger.summaryText(year, on, lang, format);
        return ResponseEntity.ok().contentType(new MediaType(type, StandardCharsets.UTF_8)).body(body);
    }

    /** One table of the year's report, by its id (`by_kind`, `final_class` …, or `units`). */
    @GetMapping(path = "/reports/{year}/tables/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    public JsonNode table(@PathVariable int year, @PathVariable String name,
            @RequestParam(required = false) String asOf) throws Exception {
        Ledger ledger = current();
        String on = asOf == null ? year + "-12-31" : asOf;
        if (name.equals("units")) {
            return json.valueToTree(ledger.unitRows(year, on));
        }
        for (CountTableRecord t : ledger.reportTables(year, on)) {
            if (t.getId().equals(name)) {
                return json.valueToTree(t);
            }
        }
        throw new NotFoundException("report table " + name);
    }

    /** The stored rows checked as at startup (seq and prev columns, chain, head). */
    @GetMapping(path = "/ledger/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> verify() {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            String[] r = service.verifyStore();
            out.put("ok", true);
            out.put("rows", Long.parseLong(r[0]));
            out.put("head", r[1]);
        } catch (TamperedLedgerException e) {
            out.put("ok", false);
            out.put("seq", e.seq());
            out.put("detail", e.getMessage());
        }
        return out;
    }

    private Ledger current() throws JianyiException {
        service.catchUp();
        return service.ledger();
    }

    /** The request body as a JSON object's text: at most MAX_BODY bytes, well-formed. */
    private String command(HttpServletRequest request) throws IOException {
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new BadRequestException("request.too_large",
                    "the body is over " + MAX_BODY + " bytes", Map.of("limit", MAX_BODY));
        }
        String body = new String(bytes, StandardCharsets.UTF_8);
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("request.malformed_json", "the body is not JSON: "
                    + e.getOriginalMessage(), Map.of("line", e.getLocation() == null ? 0 : e.getLocation().getLineNr()));
        }
        if (node == null || !node.isObject()) {
            throw new BadRequestException("request.malformed_json", "the body is not a JSON object", Map.of());
        }
        return body;
    }

    private ArrayNode array(List<String> objects) throws JsonProcessingException {
        ArrayNode a = json.createArrayNode();
        for (String o : objects) {
            a.add(json.readTree(o));
        }
        return a;
    }
}
