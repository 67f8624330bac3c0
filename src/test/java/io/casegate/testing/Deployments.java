package io.casegate.testing;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The deployments of the integration tests. Tests run against the WAR that {@code mvn package}
 * built, exactly as operators deploy it, rather than a hand-picked subset of classes.
 */
public final class Deployments {

    private Deployments() {}

    /** The packaged Casegate WAR, as built by this module. */
    public static WebArchive casegate() {
        File war = new File(System.getProperty("casegate.war", "target/casegate.war"));
        if (!war.isFile()) {
            throw new IllegalStateException(
                    "Run the integration tests through Maven (mvn verify): " + war + " is missing");
        }
        return ShrinkWrap.create(ZipImporter.class, "casegate.war")
                .importFrom(war)
                .as(WebArchive.class);
    }
}
