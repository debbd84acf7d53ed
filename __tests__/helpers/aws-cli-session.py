# The AWS CLI, many commands in one Python process: each line on stdin is a JSON list of
# arguments, run as `aws <arguments>` runs them (a new driver, and so a new botocore session, for
# each), and answered by one JSON line on stdout: {"code", "stdout", "stderr"}. Starting the CLI
# costs about a second of CPU (Python and botocore's imports); a command in a running session, a
# quarter of that. __tests__/helpers/aws-cli.ts runs it with the interpreter of the `aws` script.
import contextlib
import io
import json
import os
import sys

# What the `aws` script does before it imports the CLI.
if os.environ.get('LC_CTYPE', '') == 'UTF-8':
    os.environ['LC_CTYPE'] = 'en_US.UTF-8'

import awscli.clidriver  # noqa: E402


def text_stream():
    # A text stream with a .buffer, as sys.stdout has: the CLI writes binary output there.
    return io.TextIOWrapper(io.BytesIO(), encoding='utf-8', newline='')


def contents(stream):
    stream.flush()
    return stream.buffer.getvalue().decode('utf-8', 'replace')


def run(args):
    stdout, stderr = text_stream(), text_stream()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            code = awscli.clidriver.create_clidriver().main(args)
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 255
    return {'code': code, 'stdout': contents(stdout), 'stderr': contents(stderr)}


answers = sys.__stdout__
for line in sys.stdin:
    answers.write(json.dumps(run(json.loads(line))) + '\n')
    answers.flush()
