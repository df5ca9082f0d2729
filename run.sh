#!/usr/bin/env bash
# Runs the whole ParkCommunity platform on embedded defaults: the in-process MQTT broker on
# 127.0.0.1:1883, the gateway with its SQLite telemetry store in .data/, and simulated devices for
# the sample community in deploy/sample-community/. Stop it with Ctrl+C.
#
# Extra settings go after the command, e.g.  ./run.sh --Gateway:Broker:Port=11883
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet run --project deploy/all-in-one -c Release -- "$@"
