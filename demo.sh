#!/usr/bin/env sh
# Builds the agent and the demo, then runs the demo: four services (edge, rate limiter, auth,
# tickets), each in its own JVM with the agent, a few requests to the edge, and the waterfall of
# every trace, merged from the services' span files, in the terminal and as an HTML page.
set -e
cd "$(dirname "$0")"
echo "Building the agent and the demo services..."
./mvnw -B -q -pl demo -am package -DskipTests -Dweft.proguard.silent=true
exec java -jar demo/target/weft-demo.jar --agent agent/javaagent/target/weft-agent.jar --out target/demo
