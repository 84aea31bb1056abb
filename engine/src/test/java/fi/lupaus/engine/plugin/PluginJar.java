package fi.lupaus.engine.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds a plugin jar as a third party's build would: a manifest, classes and the extension index.
 * Public for the server's plugin tests, which take it from the engine's test jar.
 */
public final class PluginJar {

    private final Map<String, String> manifest = new LinkedHashMap<>();
    private final List<Class<?>> extensions = new ArrayList<>();

    public static PluginJar plugin(String id, String version) {
        PluginJar jar = new PluginJar();
        jar.manifest.put("Plugin-Id", id);
        jar.manifest.put("Plugin-Version", version);
        jar.manifest.put("Plugin-Requires", ">=0.1.0");
        return jar;
    }

    public PluginJar with(String attribute, String value) {
        manifest.put(attribute, value);
        return this;
    }

    public PluginJar extension(Class<?> type) {
        extensions.add(type);
        return this;
    }

    public Path writeTo(Path directory, String fileName) throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((name, value) -> mf.getMainAttributes().put(new Attributes.Name(name), value));
        Path file = directory.resolve(fileName);
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, mf)) {
            StringBuilder index = new StringBuilder();
            for (Class<?> type : extensions) {
                index.append(type.getName()).append('\n');
                String resource = type.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(resource));
                try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
                    in.transferTo(jar);
                }
            }
            jar.putNextEntry(new JarEntry("META-INF/extensions.idx"));
            jar.write(index.toString().getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
