"""Validates a SARIF log against the SARIF 2.1.0 JSON schema; prints every violation."""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1]))
log = json.load(open(sys.argv[2]))
validator = jsonschema.validators.validator_for(schema)(schema)
errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
for error in errors:
    print("  schema:", "/".join(map(str, error.absolute_path)), error.message[:200])
print(f"  schema: {len(errors)} errors")
sys.exit(1 if errors else 0)
