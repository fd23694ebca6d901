// The official OpenAI SDK, unmodified, with baseURL pointed at Voice Platform (embedded provider).
// Usage: node check.mjs BASE_URL API_KEY
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';

const [baseURL, apiKey] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 120_000 });
let passed = 0;
let failed = 0;

async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voice-sdk-'));
const speechFile = path.join(dir, 'speech.wav');

await check('audio.speech.create writes real speech', async () => {
  const response = await client.audio.speech.create({
    model: 'tts-1', voice: 'alloy', input: 'hello world', response_format: 'wav',
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  assert(bytes.subarray(0, 4).toString('latin1') === 'RIFF', 'not a WAV file');
  assert(bytes.length > 8000, `too short: ${bytes.length} bytes`);
  assert(response.headers.get('content-type') === 'audio/wav', `content type ${response.headers.get('content-type')}`);
  fs.writeFileSync(speechFile, bytes);
});

await check('audio.transcriptions.create (streamed upload) finds the words', async () => {
  const transcript = await client.audio.transcriptions.create({
    file: fs.createReadStream(speechFile), model: 'whisper-1',
  });
  assert(transcript.text.trim() === 'hello world', `heard '${transcript.text}'`);
});

await check('verbose_json has language, duration and segments', async () => {
  const transcript = await client.audio.transcriptions.create({
    file: fs.createReadStream(speechFile), model: 'whisper-1', response_format: 'verbose_json',
  });
  assert(typeof transcript.duration === 'number' && transcript.duration > 0, 'no duration');
  assert(Array.isArray(transcript.segments) && transcript.segments.length > 0, 'no segments');
  assert(transcript.language === 'english', `language ${transcript.language}`);
});

await check('models.list lists auto and the embedded provider', async () => {
  const ids = [];
  for await (const model of client.models.list()) ids.push(model.id);
  assert(ids.includes('auto') && ids.includes('local'), `ids: ${ids.join(', ')}`);
});

await check('a bad request is a 400 in OpenAI\'s error shape', async () => {
  try {
    await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'hi', speed: 10 });
    throw new Error('no error');
  } catch (e) {
    assert(e instanceof OpenAI.BadRequestError, `got ${e}`);
    assert(e.status === 400 && e.param === 'speed' && e.type === 'invalid_request_error', JSON.stringify(e.error));
  }
});

await check('a wrong key is a 401 AuthenticationError', async () => {
  const wrong = new OpenAI({ baseURL, apiKey: 'sk-wrong', maxRetries: 0 });
  try {
    await wrong.models.list();
    throw new Error('no error');
  } catch (e) {
    assert(e instanceof OpenAI.AuthenticationError && e.status === 401, `got ${e}`);
  }
});

await check('a missing key is a 401 in OpenAI\'s error shape', async () => {
  const response = await fetch(`${baseURL}/models`);
  const body = await response.json();
  assert(response.status === 401, `status ${response.status}`);
  assert(body.error && body.error.code === 'missing_api_key' && 'param' in body.error && 'type' in body.error, JSON.stringify(body));
});

fs.rmSync(dir, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
