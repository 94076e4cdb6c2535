// The Docker provider's dead-man switch: a tiny process started beside the
// server (detached, so a SIGKILL of the server does not take it along). It
// holds the read end of a pipe whose only writer is the server; when the server
// dies, however it dies, the pipe reaches end of file and this process removes
// the instance's containers that are not durable (single-use and pooled ones:
// their keepers would otherwise run, or idle, until the next start). Durable
// sandboxes stay, as documented. A graceful stop kills this process first.
//
// Plain CommonJS with Node built-ins only: it runs from src/ and from dist/ alike.
//   node container-reaper.cjs <unix:///path/docker.sock | tcp://host:port> <instance>
"use strict";
const http = require("node:http");

const [endpoint, instance] = process.argv.slice(2);
if (!endpoint || !instance) process.exit(2);

const target = endpoint.startsWith("unix://")
  ? { socketPath: endpoint.slice("unix://".length) }
  : (() => {
      const url = new URL(endpoint.replace(/^tcp:/, "http:"));
      return { host: url.hostname, port: Number(url.port || 2375) };
    })();

function call(method, path) {
  return new Promise((resolve, reject) => {
    const request = http.request({ ...target, method, path, timeout: 10_000 }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", reject);
    request.end();
  });
}

async function reap(diedAtSeconds) {
  const filters = JSON.stringify({ label: [`hangar.instance=${instance}`, "hangar.durable=false"] });
  const listed = await call("GET", `/containers/json?all=1&filters=${encodeURIComponent(filters)}`);
  if (listed.status !== 200) return;
  // A server started on the same data directory after this one died labels its
  // containers the same way: leave every container created after the death alone.
  const containers = JSON.parse(listed.body).filter((container) => container.Created <= diedAtSeconds);
  await Promise.allSettled(
    containers.map((container) => call("DELETE", `/containers/${container.Id}?force=1&v=1`)),
  );
}

process.stdin.resume();
process.stdin.on("end", () => {
  reap(Math.floor(Date.now() / 1000)).finally(() => process.exit(0));
});
process.stdin.on("error", () => process.stdin.emit("end"));
