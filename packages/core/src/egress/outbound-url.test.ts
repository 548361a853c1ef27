import { describe, expect, it } from 'vitest';
import { addressIssue, outboundUrlIssue } from './outbound-url';

const deployed = { allowLoopback: false };
const local = { allowLoopback: true };

describe('outboundUrlIssue', () => {
  it.each([
    ['https://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is not a public address \(linkLocal\)/],
    ['https://[::ffff:a9fe:a9fe]/', /169\.254\.169\.254 is not a public address/],
    ['https://10.0.0.8/hook', /10\.0\.0\.8 is not a public address \(private\)/],
    ['https://192.168.1.1/', /private/],
    ['https://172.16.0.1/', /private/],
    ['https://100.64.0.1/', /carrierGradeNat/],
    ['https://[fd00::1]/', /uniqueLocal/],
    ['https://[fe80::1]/', /linkLocal/],
    ['https://[::1]/', /loopback/],
    ['https://127.0.0.1/', /loopback/],
    ['https://2130706433/', /127\.0\.0\.1 is a loopback address/],
    ['https://0x7f.1/', /127\.0\.0\.1 is a loopback address/],
    ['https://0177.0.0.1/', /127\.0\.0\.1 is a loopback address/],
    ['https://0.0.0.0/', /unspecified/],
    ['https://[::]/', /unspecified/],
    ['https://[64:ff9b::a9fe:a9fe]/', /rfc6052/],
    ['https://[2002:a9fe:a9fe::1]/', /6to4/],
    ['https://[2001::a9fe:a9fe]/', /teredo/],
    ['https://[::a9fe:a9fe]/', /special-purpose/],
    ['https://198.18.0.1/', /is not a public address/],
    ['https://localhost/', /names this machine/],
    ['https://localhost./', /names this machine/],
    ['https://api.localhost/', /names this machine/],
    ['https://metadata.google.internal/', /under \.internal/],
    ['https://instance-data/', /only an internal network resolves/],
    ['https://printer.local/', /under \.local/],
    ['https://nas.home.arpa/', /under \.home\.arpa/],
    ['https://user:pass@hooks.example.com/', /user name or password/],
    ['https://user@hooks.example.com/', /user name or password/],
    ['http://hooks.example.com/', /must be an https URL/],
    ['ftp://hooks.example.com/', /must be an https URL/],
    ['hooks.example.com', /not a URL/],
  ])('refuses %s', (url, reason) => {
    expect(outboundUrlIssue(url, deployed)).toMatch(reason);
  });

  it.each([
    'https://hooks.example.com/a?b=c',
    'https://8.8.8.8/',
    'https://[2606:4700::1111]/',
    'https://HOOKS.example.com./',
  ])('accepts the public %s', (url) => {
    expect(outboundUrlIssue(url, deployed)).toBeUndefined();
  });

  it('takes loopback (and plain http on it) only where the local runtime allows it', () => {
    for (const url of ['http://127.0.0.1:8080/hook', 'https://localhost/hook', 'http://[::1]:9/x'])
      expect(outboundUrlIssue(url, local)).toBeUndefined();
    expect(outboundUrlIssue('http://10.0.0.1/hook', local)).toMatch(/https/);
    expect(outboundUrlIssue('https://169.254.169.254/', local)).toMatch(/linkLocal/);
  });
});

describe('addressIssue', () => {
  it('checks a resolved address in every notation', () => {
    expect(addressIssue('::ffff:127.0.0.1', deployed)).toMatch(/loopback/);
    expect(addressIssue('::ffff:10.0.0.1', deployed)).toMatch(/private/);
    expect(addressIssue('93.184.215.14', deployed)).toBeUndefined();
    expect(addressIssue('not-an-ip', deployed)).toMatch(/not an IP/);
  });
});
