package fi.lupaus.examples.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A stand-in for the Lupaus server that speaks its wire format: it answers each feedback with a
 * decision whose actions follow {@link #actionsFor}, and remembers what it was sent.
 */
final class FakeLupausServer {

    final Set<String> feedbackIds = ConcurrentHashMap.newKeySet();
    final Map<String, AtomicLong> requestsByPath = new ConcurrentHashMap<>();
    final Set<String> authorizations = ConcurrentHashMap.newKeySet();
    private final AtomicLong requests = new AtomicLong();
    private final int failEvery;
    private HttpServer server;

    /** @param failEvery answer every n-th request 503, or 0 never to */
    FakeLupausServer(int failEvery) {
        this.failEvery = failEvery;
    }

    /** Promoters are thanked; complaints open a case and start recovery; other detractors open a case. */
    static List<String> actionsFor(JsonObject feedback) {
        List<String> actions = new ArrayList<>();
        boolean nps = feedback.getString("survey").equals("NPS");
        int score = feedback.getInteger("score");
        if (nps && score >= 9) {
            actions.add("THANK");
        }
        if (feedback.getBoolean("complaint", false)) {
            actions.add("OPEN_CASE");
            actions.add("RECOVERY");
        } else if (nps && score <= 6) {
            actions.add("OPEN_CASE");
        }
        return actions;
    }

    /** Listens on a free port of 127.0.0.1 and answers with its base URL. */
    String start(Vertx vertx) {
        server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").await();
        return "http://127.0.0.1:" + server.actualPort();
    }

    long requests() {
        return requests.get();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            long n = requests.incrementAndGet();
            requestsByPath.computeIfAbsent(request.path(), p -> new AtomicLong()).incrementAndGet();
            String authorization = request.getHeader("Authorization");
            if (authorization != null) {
                authorizations.add(authorization);
            }
            if (failEvery > 0 && n % failEvery == 0) {
                request.response().setStatusCode(503).end();
                return;
            }
            switch (request.path()) {
                case "/api/feedback" -> created(request, decide(body.toJsonObject()).toBuffer());
                case "/api/feedback/batch" -> {
                    JsonArray decisions = new JsonArray();
                    body.toJsonArray().forEach(item -> decisions.add(decide((JsonObject) item)));
                    created(request, decisions.toBuffer());
                }
                default -> request.response().setStatusCode(404).end();
            }
        });
    }

    private JsonObject decide(JsonObject feedback) {
        String id = feedback.getString("id");
        feedbackIds.add(id);
        JsonArray actions = new JsonArray();
        actionsFor(feedback).forEach(type -> actions.add(new JsonObject()
                .put("type", type)
                .put("owner", "team-lead")
                .put("priority", "high")
                .put("dueAt", "2026-11-21T10:15:00Z")));
        return new JsonObject()
                .put("decisionId", "d-" + id)
                .put("feedbackId", id)
                .put("ruleSetVersion", "test")
                .put("decidedAt", "2026-11-20T10:15:01Z")
                .put("firedRules", new JsonArray().add("A rule of the fake"))
                .put("actions", actions);
    }

    private static void created(HttpServerRequest request, Buffer decision) {
        request.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(decision);
    }
}
