package dev.ballast.api.architecture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** The Ballast modules a pom's main code depends on: its non-test {@code dev.ballast} dependencies. */
final class ModuleDependencies {
  private ModuleDependencies() {}

  static List<String> mainDependencies(Path pom) {
    try (InputStream in = Files.newInputStream(pom)) {
      return mainDependencies(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> mainDependencies(InputStream pom) throws IOException {
    Element project;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      project = factory.newDocumentBuilder().parse(pom).getDocumentElement();
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("not a pom: " + e.getMessage(), e);
    }
    List<String> modules = new ArrayList<>();
    // only project/dependencies: dependencyManagement and plugin dependencies add nothing to the classpath
    for (Element dependencies : children(project, "dependencies")) {
      for (Element dependency : children(dependencies, "dependency")) {
        String group = text(dependency, "groupId");
        String scope = text(dependency, "scope");
        if (("dev.ballast".equals(group) || "${project.groupId}".equals(group)) && !"test".equals(scope)) {
          modules.add(text(dependency, "artifactId"));
        }
      }
    }
    return modules;
  }

  /** The dependencies not in {@code allowed}, in pom order. */
  static List<String> notAllowed(List<String> dependencies, Set<String> allowed) {
    return dependencies.stream().filter(d -> !allowed.contains(d)).toList();
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        found.add(e);
      }
    }
    return found;
  }

  private static String text(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0).getTextContent().trim();
  }
}
