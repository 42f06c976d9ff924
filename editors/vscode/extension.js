// The caios extension's client: starts `caios lsp` (the language server of the compiler named by
// the `caios.path` setting) over stdio for every .caios file (docs/editors.md).
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function serverOptions() {
  const command = vscode.workspace.getConfiguration("caios").get("path") || "caios";
  const run = { command, args: ["lsp"], transport: TransportKind.stdio };
  return { run, debug: run };
}

async function start(context) {
  client = new LanguageClient("caios", "caios", serverOptions(), {
    documentSelector: [{ language: "caios" }],
    synchronize: {
      // Imported files edited outside VS Code change the diagnostics of the files importing them.
      fileEvents: vscode.workspace.createFileSystemWatcher("**/*.caios"),
    },
  });
  try {
    await client.start();
  } catch (err) {
    const path = vscode.workspace.getConfiguration("caios").get("path");
    vscode.window.showErrorMessage(
      `caios: could not start \`${path} lsp\` (${err.message}). Set "caios.path" to the caios executable.`);
  }
}

async function stop() {
  if (client) {
    const running = client;
    client = undefined;
    await running.stop();
  }
}

async function activate(context) {
  await start(context);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      // A new compiler path takes effect at once: the server is restarted with it.
      if (event.affectsConfiguration("caios.path")) {
        await stop();
        await start(context);
      }
    }),
    vscode.commands.registerCommand("caios.restartServer", async () => {
      await stop();
      await start(context);
    }));
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
