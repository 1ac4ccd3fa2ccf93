#!/usr/bin/env python3
"""Generate cdbg's agent model table (src/agent/models/schema/v1_NN.json) from a Cilium
release's api/v1/openapi.yaml, applying go-swagger's struct rules:

* fields sorted by JSON name; required fields have no omitempty and are pointers;
* inline `type: array` properties have no omitempty (go-swagger's default), unless x-omitempty;
* everything else is omitempty unless `x-omitempty: false`; x-nullable makes a pointer;
* inline objects become their own model named Parent + CamelCase(field) (array items: +Items0).

Usage: python3 tools/agent-models.py openapi.yaml > src/agent/models/schema/v1_17.json
"""
import json
import sys

import yaml


def camel(s):
    return "".join(p[:1].upper() + p[1:] for p in s.replace("_", "-").split("-"))


def main(path):
    spec = yaml.safe_load(open(path))
    out = {}

    def ty(schema, owner):
        if "$ref" in schema:
            return "@" + schema["$ref"].rsplit("/", 1)[1]
        t = schema.get("type")
        if t == "array":
            return "[" + ty(schema.get("items", {}), owner + "Items0") + "]"
        if t == "object" or "properties" in schema or "additionalProperties" in schema:
            if "properties" in schema:
                model(owner, schema)
                return "@" + owner
            ap = schema.get("additionalProperties")
            if isinstance(ap, dict) and ap:
                return "{" + ty(ap, owner + "Anon") + "}"
            return "any"
        fmt = schema.get("format")
        if t == "string":
            return {"date-time": "dt", "duration": "dur"}.get(fmt, "str")
        return {"integer": "int", "number": "num", "boolean": "bool"}.get(t, "any")

    def model(name, schema):
        required = set(schema.get("required", []))
        fields = []
        for prop, s in sorted(schema.get("properties", {}).items(), key=lambda kv: kv[0].encode()):
            t = ty(s, name + camel(prop))
            flags = ""
            if prop in required:
                flags = "p" if not t.startswith(("[", "{")) else ""
            else:
                inline_array = s.get("type") == "array"
                if s.get("x-omitempty", not inline_array):
                    flags += "o"
                if s.get("x-nullable"):
                    flags = "p" + flags
            fields.append(f"{prop} {t} {flags}".rstrip())
        out[name] = fields

    for name, schema in spec.get("definitions", {}).items():
        if "properties" in schema or schema.get("type") == "object" and "additionalProperties" not in schema:
            model(name, schema)
        else:
            out[name] = ty(schema, name)
    print("{")
    print(",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in sorted(out.items())))
    print("}")


if __name__ == "__main__":
    main(sys.argv[1])
