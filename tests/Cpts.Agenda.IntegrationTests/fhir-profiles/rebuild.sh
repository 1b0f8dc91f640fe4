#!/usr/bin/env bash
# Rebuilds sas-1.2.0/: the conformance resources (StructureDefinitions with snapshots, ValueSets, CodeSystems,
# SearchParameters) of the ANS guide "Service d'Accès aux Soins" 1.2.0, as the guide's own CI built them:
# SUSHI on the FSH sources of GUIDE_COMMIT, then the IG Publisher's snapshots against FR Core 1.1.0 and
# FHIR R4 4.0.1, published as package.tgz on the gh-pages branch by DEPLOY_COMMIT.
#
# usage: rebuild.sh <clone of ansforge/IG-fhir-service-acces-aux-soins that has its gh-pages branch>
set -euo pipefail

GUIDE_COMMIT=d765be27c41102569e5e295fed4d49315c5de337   # main, sushi-config.yaml version 1.2.0, FR Core 1.1.0
DEPLOY_COMMIT=696f28dbc8b1e0ef848ada9a04cbbc379bd10b60  # gh-pages "deploy: d765be27…", main/ig/package.tgz

repo=${1:?usage: rebuild.sh <clone of ansforge/IG-fhir-service-acces-aux-soins>}
here=$(cd "$(dirname "$0")" && pwd)

subject=$(git -C "$repo" log -1 --format=%s "$DEPLOY_COMMIT")
[ "$subject" = "deploy: $GUIDE_COMMIT" ] || { echo "$DEPLOY_COMMIT is not the deployment of $GUIDE_COMMIT: $subject" >&2; exit 1; }
git -C "$repo" show "$GUIDE_COMMIT:sushi-config.yaml" | grep -q '^version: 1.2.0' || { echo "$GUIDE_COMMIT is not version 1.2.0" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$repo" show "$DEPLOY_COMMIT:main/ig/package.tgz" | tar xz -C "$tmp"
grep -q '"version" : "1.2.0"' "$tmp/package/package.json"
grep -q '"hl7.fhir.fr.core" : "1.1.0"' "$tmp/package/package.json"

rm -rf "$here/sas-1.2.0"
mkdir -p "$here/sas-1.2.0"
cp "$tmp"/package/package.json "$tmp"/package/{StructureDefinition,ValueSet,CodeSystem,SearchParameter,CapabilityStatement}-*.json "$here/sas-1.2.0/"
ls "$here/sas-1.2.0" | wc -l
