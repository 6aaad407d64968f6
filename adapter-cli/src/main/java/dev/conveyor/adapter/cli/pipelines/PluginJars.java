package dev.conveyor.adapter.cli.pipelines;

import dev.conveyor.adapter.cli.terminal.CliException;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.PipelineProvider;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Java pipelines from plugin jars: each jar names its {@link PipelineProvider} in
 * {@code META-INF/services/dev.conveyor.pipeline.PipelineProvider}. The jars stay loaded for the life of the
 * process, since their steps run in it.
 */
final class PluginJars {

    private PluginJars() {
    }

    static List<Catalog.Entry> load(Path jar, String shownAs) {
        if (!Files.isRegularFile(jar)) {
            throw new CliException("plugin jar not found: " + shownAs);
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("conveyor-plugin", new URL[] {jar.toUri().toURL()},
                    PluginJars.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new CliException("plugin jar " + shownAs + " cannot be opened: " + e.getMessage(), e);
        }
        List<Catalog.Entry> found = new ArrayList<>();
        try {
            ServiceLoader.load(PipelineProvider.class, loader).stream()
                    .filter(provider -> provider.type().getClassLoader() == loader)
                    .forEach(provider -> provider.get().pipelines()
                            .forEach(p -> found.add(new Catalog.Entry(p, "plugin " + shownAs, false))));
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            throw new CliException("plugin jar " + shownAs + " failed to load its pipelines: " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new CliException("plugin jar " + shownAs + " has no pipelines: it must name a "
                    + PipelineProvider.class.getName() + " in META-INF/services/" + PipelineProvider.class.getName());
        }
        return found;
    }
}
