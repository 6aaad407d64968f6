package dev.conveyor.adapter.rest.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The one Jackson configuration of the API: snake_case names, strict reading (unknown fields, duplicate
 * keys, trailing data, numbers where text is expected are all errors) and bounded nesting.
 */
public final class Json {

    /** Deep enough for any sensible job input, shallow enough that no request can exhaust the stack. */
    public static final int MAX_NESTING = 64;

    private Json() {
    }

    /** A new mapper; the server makes one and shares it, since a configured mapper is thread-safe. */
    public static ObjectMapper mapper() {
        return mapper(false);
    }

    /**
     * A new mapper for a server whose requests run on platform threads or, when {@code virtualThreads}, each on
     * a virtual thread of its own. Jackson recycles its buffers per thread by default, which a thread per
     * request defeats (every request allocated them afresh: a fifth of the server's allocation under load);
     * those servers share a pool of buffers instead.
     */
    public static ObjectMapper mapper(boolean virtualThreads) {
        JsonFactory factory = JsonFactory.builder()
                .recyclerPool(virtualThreads ? JsonRecyclerPools.newConcurrentDequePool()
                        : JsonRecyclerPools.threadLocalPool())
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING)
                        .maxNumberLength(100).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(factory)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }
}
