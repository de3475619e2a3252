package org.jianyi.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jianyi.Jianyi_uniffiKt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bad input gets 400 or 422 with a stable code, and the database is unchanged. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BadInputTest {
    private static final String SQL = "'); DROP TABLE ledger_line; -- \" OR 1=1; DELETE FROM ledger_header;";

    @Test
    void badInputIsRefusedAndNothingIsStored() throws Exception {
        List<String> commands = Jianyi_uniffiKt.generatedCommandsJson(4L, 5L);
        String db = Pg.freshDatabase("vendor_bad");
        try (Instance a = Instance.start(db)) {
            ObjectNode suggestion = null;
            for (String c : commands) {
                JsonNode node = Http.JSON.readTree(c);
                if (node.path("action").path("type").asText().equals("submit_suggestion")) {
                    suggestion = (ObjectNode) node;
                    break;
                }
                assertEquals(201, Http.post(a.uri("/commands"), c).status(), c);
            }
            assertTrue(suggestion != null, "the story submits a suggestion");
            String before = Pg.dump(db);

            // 400: too large, not JSON, not an object, wrong types, unknown action, bad ids.
            byte[] huge = ("{\"id\":\"x\",\"pad\":\"" + "a".repeat(ApiController.MAX_BODY) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            expect(a, huge, 400, "request.too_large");
            expect(a, "{\"id\": ", 400, "request.malformed_json");
            expect(a, "not json at all", 400, "request.malformed_json");
            expect(a, "[1, 2]", 400, "request.malformed_json");
            expect(a, "", 400, "request.malformed_json");
            ObjectNode wrongType = suggestion.deepCopy();
            wrongType.put("on", 20220105);
            expect(a, wrongType.toString(), 400, "input.malformed");
            ObjectNode notADate = suggestion.deepCopy();
            notADate.put("on", "2022-02-30");
            expect(a, notADate.toString(), 400, "input.malformed");
            ObjectNode cosignersNotAList = suggestion.deepCopy();
            ((ObjectNode) cosignersNotAList.path("action")).put("cosigners", "D001");
            expect(a, cosignersNotAList.toString(), 400, "input.malformed");
            ObjectNode unknownAction = suggestion.deepCopy();
            ((ObjectNode) unknownAction.path("action")).put("type", "drop_table");
            expect(a, unknownAction.toString(), 400, "input.malformed");
            ObjectNode extraField = suggestion.deepCopy();
            extraField.put("sql", "DROP TABLE ledger_line");
            expect(a, extraField.toString(), 400, "input.malformed");
            ObjectNode badId = suggestion.deepCopy();
            ((ObjectNode) badId.path("action")).put("item", "J 1; DROP TABLE ledger_line");
            expect(a, badId.toString(), 400, "input.malformed");

            // 422: a refused command, a title of SQL included.
            ObjectNode sqlTitle = suggestion.deepCopy();
            sqlTitle.put("id", "sql-title");
            ((ObjectNode) sqlTitle.path("action").path("text")).put("title", SQL);
            ObjectNode unknownLead = sqlTitle.deepCopy();
            ((ObjectNode) unknownLead.path("action")).put("lead", "D-NOBODY");
            ((ObjectNode) unknownLead.path("actor")).put("id", "D-NOBODY");
            Http.Answer refused = Http.post(a.uri("/commands"), unknownLead.toString());
            assertEquals(422, refused.status(), refused.body());
            assertTrue(refused.code().contains("."), refused.body());
            assertTrue(refused.json().path("details").isObject(), refused.body());
            ObjectNode wrongRole = suggestion.deepCopy();
            wrongRole.set("actor", Http.JSON.readTree("{\"role\":\"unit\",\"id\":\"U-FIN\"}"));
            assertEquals(422, Http.post(a.uri("/commands"), wrongRole.toString()).status());
            // Checking a command records nothing either.
            assertEquals(200, Http.post(a.uri("/commands:check"), sqlTitle.toString()).status());
            assertEquals(400, Http.post(a.uri("/commands:check"), "{").status());

            // Queries: unknown item 404, a bad date 400.
            assertEquals(404, Http.get(a.uri("/items/J2099-999")).status());
            assertEquals(404, Http.get(a.uri("/items/J2099-999/obligations?asOf=2022-06-01")).status());
            assertEquals(400, Http.get(a.uri("/worklists/unit/U-FIN?asOf=June")).status());
            assertEquals(404, Http.get(a.uri("/worklists/mayor/M1?asOf=2022-06-01")).status());
            assertEquals(400, Http.get(a.uri("/items/J%20X")).status());
            assertEquals(404, Http.get(a.uri("/reports/2022/tables/no_such_table")).status());

            assertEquals(before, Pg.dump(db), "a refused request changed the store");

            // The SQL-looking title in a valid command is just text: stored as typed, both
            // tables still there, and the chain verifies.
            Http.Answer stored = Http.post(a.uri("/commands"), sqlTitle.toString());
            assertEquals(201, stored.status(), stored.body());
            String item = sqlTitle.path("action").path("item").asText();
            JsonNode detail = Http.get(a.uri("/items/" + item)).json();
            assertTrue(detail.path("item").toString().contains("DROP TABLE ledger_line; --"), detail.toString());
            assertTrue(Pg.jsonl(db).contains("DROP TABLE ledger_line; --"));
            assertTrue(Http.get(a.uri("/ledger/verify")).json().path("ok").asBoolean());
            assertTrue(Pg.rows(db) > 0);
        }
    }

    private static void expect(Instance a, String body, int status, String code) {
        expect(a, body.getBytes(StandardCharsets.UTF_8), status, code);
    }

    private static void expect(Instance a, byte[] body, int status, String code) {
        Http.Answer r = Http.post(a.uri("/commands"), body);
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.code(), r.body());
        assertTrue(!r.json().path("detail").asText().isEmpty(), r.body());
    }
}
