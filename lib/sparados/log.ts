import { redact } from './redact';

// A small structured logger for the client: one JSON line per event, redacted. Successful calls
// log at debug so the hot path costs nothing by default; retries and failures at warn.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogSink = (line: string, level: LogLevel) => void;

const consoleSink: LogSink = (line, level) => {
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
};

let threshold: LogLevel = 'info';
let sink: LogSink = consoleSink;

export function configureSparadosLog(options: { level?: LogLevel; sink?: LogSink }): void {
  if (options.level) threshold = options.level;
  if (options.sink) sink = options.sink;
}

export function logEnabled(level: LogLevel): boolean {
  return ORDER[level] >= ORDER[threshold];
}

export function log(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
  if (!logEnabled(level)) return;
  const entry = { level, time: new Date().toISOString(), scope: 'sparados', event, ...(redact(fields) as Record<string, unknown>) };
  sink(JSON.stringify(entry), level);
}
