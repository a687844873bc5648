# syntax=docker/dockerfile:1
# The Noesis REST server (`noesis serve`) as an image, built from this source tree; docker-compose.yml
# runs it beside Neo4j. Its data home (models, index, registry, logs) is the volume at /data.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
# The Maven wrapper pins Maven; the cache mount keeps the downloaded dependencies between builds.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests -pl app/server -am package

# The JDK, not a JRE: Jlama needs the jdk.incubator.vector module.
FROM eclipse-temurin:25-jdk
COPY --from=build /src/app/server/target/quarkus-app /opt/noesis/server
ENV NOESIS_HOME=/data \
    OPT_OUT_TRACKING=true
VOLUME /data
EXPOSE 8420
# The flags every Noesis JVM needs (scripts/jdk.sh); a crash log goes into the data home, not the image.
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", \
    "--sun-misc-unsafe-memory-access=allow", "-XX:ErrorFile=/data/logs/hs_err_pid%p.log", \
    "-jar", "/opt/noesis/server/quarkus-run.jar"]
# Inside a container the server listens on every address, so it starts only with an API key.
CMD ["--host", "0.0.0.0", "--port", "8420"]
