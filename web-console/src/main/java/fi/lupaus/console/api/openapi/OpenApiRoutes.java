package fi.lupaus.console.api.openapi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIContractBuilder;
import io.vertx.openapi.mediatype.ContentAnalyser;
import io.vertx.openapi.mediatype.ContentAnalyserFactory;
import io.vertx.openapi.mediatype.MediaTypeRegistration;
import io.vertx.openapi.mediatype.MediaTypeRegistry;
import io.vertx.openapi.validation.ValidationContext;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3.1 document of the whole API, as kept in
 * {@code openapi/lupaus.yaml}. It is read and checked against the OpenAPI schema once at start,
 * so that a server with a broken document does not start; it needs no caller.
 */
public final class OpenApiRoutes {

    /** The document in the jar, the one source of the API's description. */
    public static final String DOCUMENT = "openapi/lupaus.yaml";

    private final Vertx vertx;
    private final Buffer json;
    private final OpenAPIContract contract;
    private final RequestSchemas requestSchemas;

    private OpenApiRoutes(Vertx vertx, JsonObject document, OpenAPIContract contract) {
        this.vertx = vertx;
        this.json = document.toBuffer();
        this.contract = contract;
        this.requestSchemas = RequestSchemas.of(document);
    }

    /** The document's schemas of request bodies, which the routes check bodies against. */
    public RequestSchemas requestSchemas() {
        return requestSchemas;
    }

    /** The document as vertx-openapi reads it, to validate requests and answers with. */
    public OpenAPIContract contract() {
        return contract;
    }

    /** The streamed bodies: CSV imported, JSON Lines answered; their content is not analysed. */
    private static final List<String> STREAMED = List.of("text/csv", "application/x-ndjson");

    /** Reads and checks the document. */
    public static Future<OpenApiRoutes> load(Vertx vertx) {
        // Read here rather than by the builder, which marks up the tree it is given.
        return vertx.fileSystem().readFile(DOCUMENT)
                .map(yaml -> new JsonObject(new Yaml(new SafeConstructor(new LoaderOptions()))
                        .<Map<String, Object>>load(yaml.toString(StandardCharsets.UTF_8))))
                .compose(document -> new OpenAPIContractBuilder(vertx)
                        .setContract(document.copy())
                        .mediaTypeRegistry(MediaTypeRegistry.createDefault().register(new Streamed()))
                        .build()
                        .map(checked -> new OpenApiRoutes(vertx, document, checked)));
    }

    private static final class Streamed implements MediaTypeRegistration {
        @Override
        public ContentAnalyser createContentAnalyser(String contentType, Buffer content, ValidationContext context) {
            return ContentAnalyserFactory.noop().create(contentType, content, context);
        }

        @Override
        public boolean canHandle(String mediaType) {
            return STREAMED.contains(mediaType.split(";")[0].strip().toLowerCase(Locale.ROOT));
        }

        @Override
        public List<String> supportedTypes() {
            return STREAMED;
        }
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/").handler(this::document);
        return router;
    }

    private void document(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(json);
    }
}
