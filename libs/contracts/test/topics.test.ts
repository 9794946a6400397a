import { describe, expect, it } from 'vitest';
import { ALL_TOPICS, postKey, TOPICS, topicName, topicsWithPrefix } from '../src';

describe('topic manifest', () => {
  it('names every topic once, versioned', () => {
    const names = ALL_TOPICS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^vigil\.[a-z.]+\.v\d+(\.dlq)?$/);
  });

  it('pairs the posts topic with its dead-letter topic', () => {
    expect(TOPICS.posts.name).toBe('vigil.posts.v1');
    expect(TOPICS.postsDlq.name).toBe(`${TOPICS.posts.name}.dlq`);
    expect(TOPICS.verdicts.name).toBe('vigil.verdicts.v1');
  });

  it('prefixes names for shared clusters without touching the rest of the spec', () => {
    expect(topicName(TOPICS.posts, 'staging.')).toBe('staging.vigil.posts.v1');
    const prefixed = topicsWithPrefix('t.');
    expect(prefixed.map((t) => t.partitions)).toEqual(ALL_TOPICS.map((t) => t.partitions));
    expect(prefixed.every((t) => t.name.startsWith('t.vigil.'))).toBe(true);
  });

  it('keys a post by tenant and id', () => {
    expect(postKey('acme', 'p-1')).toBe('acme:p-1');
  });
});
