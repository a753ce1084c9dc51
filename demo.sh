#!/usr/bin/env sh
# Builds the agent and the demo application, then runs the demo with the agent: the demo sends
# a few requests to itself and the console exporter prints one line per span.
set -e
cd "$(dirname "$0")"
./mvnw -B -q -pl demo -am package -DskipTests
exec java -javaagent:agent/javaagent/target/weft-agent.jar \
  -Dotel.service.name=weft-demo \
  -Dotel.traces.exporter=console \
  -Dorg.eclipse.jetty.LEVEL=WARN \
  -jar demo/target/weft-demo.jar
