import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { CONFIG_SETTINGS, ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';

describe('configuration', () => {
  it('lists every setting in the README configuration table', async () => {
    const readme = await readFile(path.join(import.meta.dirname, '../../README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'));
    const missing = CONFIG_SETTINGS.filter((name) => !new RegExp(`^\\|[^\\n]*\`${name}\``, 'm').test(table));
    assert.deepEqual(missing, []);
  });

  it('keeps attachments under DATA_DIR/files by default, 20 MB and 5 at a time', () => {
    const config = loadConfig({ DATA_DIR: '/srv/leerkring' });
    assert.equal(config.fileStore, 'local');
    assert.equal(config.filesDir, path.resolve('/srv/leerkring/files'));
    assert.equal(config.s3, undefined);
    assert.equal(config.attachmentMaxBytes, 20 * 1024 * 1024);
    assert.equal(config.attachmentMaxFiles, 5);
  });

  it('reads the S3 settings, path style by default with an endpoint', () => {
    const env = { FILE_STORE: 's3', S3_BUCKET: 'leerkring-bijlagen', S3_ACCESS_KEY_ID: 'AKIA1', S3_SECRET_ACCESS_KEY: 'geheim-geheim' };
    assert.deepEqual(loadConfig({ ...env, S3_ENDPOINT: 'https://minio.example.nl:9000', S3_REGION: 'eu-west-1' }).s3, {
      endpoint: 'https://minio.example.nl:9000',
      bucket: 'leerkring-bijlagen',
      region: 'eu-west-1',
      accessKeyId: 'AKIA1',
      secretAccessKey: 'geheim-geheim',
      forcePathStyle: true,
    });
    const aws = loadConfig(env).s3;
    assert.equal(aws?.endpoint, 'https://s3.us-east-1.amazonaws.com');
    assert.equal(aws?.forcePathStyle, false);
    assert.equal(loadConfig({ ...env, S3_FORCE_PATH_STYLE: 'true' }).s3?.forcePathStyle, true);
  });

  it('stops at boot when FILE_STORE=s3 lacks a bucket or keys, naming what is missing', () => {
    assert.throws(() => loadConfig({ FILE_STORE: 's3' }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /FILE_STORE=s3 needs S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY/);
      return true;
    });
    assert.throws(() => loadConfig({ FILE_STORE: 's3', S3_BUCKET: 'b-1', S3_ACCESS_KEY_ID: 'k' }), /needs S3_SECRET_ACCESS_KEY$/m);
    assert.throws(() => loadConfig({ FILE_STORE: 'ftp' }), /FILE_STORE: must be one of local, s3/);
    assert.throws(() => loadConfig({ ATTACHMENT_MAX_BYTES: '0' }), /ATTACHMENT_MAX_BYTES/);
  });

  it('never prints a secret, in a boot error or in a log line', () => {
    assert.throws(() => loadConfig({ METRICS_TOKEN: 'kort-geheim' }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.ok(!error.message.includes('kort-geheim'));
      assert.match(error.message, /METRICS_TOKEN: .*\(got \[redacted\]\)/);
      return true;
    });
    const config = loadConfig({ FILE_STORE: 's3', S3_BUCKET: 'bucket', S3_ACCESS_KEY_ID: 'AKIA1', S3_SECRET_ACCESS_KEY: 'zeer-geheime-sleutel' });
    let logged = '';
    const logger = createLogger('info', new Writable({ write: (chunk, _encoding, done) => done(void (logged += String(chunk))) }));
    logger.info({ config }, 'booted');
    logger.info(config.s3, 's3');
    logger.info({ s3: config.s3 }, 's3 nested');
    assert.ok(logged.includes('AKIA1'), 'the log has the config');
    assert.ok(!logged.includes('zeer-geheime-sleutel'), logged);
  });
});
