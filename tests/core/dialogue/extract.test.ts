import { describe, expect, it } from 'vitest';
import { extractSlots } from '../../../src/core/dialogue/engine.js';
import { flows } from './helpers.js';

const read = (text: string) => extractSlots(flows, text);

describe('extractSlots', () => {
  it('GIVEN a legacy .NET app needing Windows Server on Linux hosts THEN os=windows and shape=monolith', () => {
    expect(read('legacy .NET app that needs Windows Server, our hosts are Linux')).toEqual({ os: 'windows', shape: 'monolith' });
  });

  it('GIVEN one long description THEN it fills every slot it mentions', () => {
    expect(read('Multi-tenant SaaS built from microservices, must autoscale, boots in seconds, on AWS; the team knows Docker, no special hardware')).toEqual({
      isolation: 'tenant',
      shape: 'micro',
      scaling: 'elastic',
      startup: 'seconds',
      estate: 'cloud',
      skills: 'containers',
      hardware: 'none',
    });
  });

  it('GIVEN plurals, capitals, dashes and punctuation THEN the phrases still match', () => {
    expect(read('GPUs!!!')).toEqual({ hardware: 'gpu' });
    expect(read('it is MULTITENANT')).toEqual({ isolation: 'tenant' });
    expect(read('a bunch of micro-services')).toEqual({ shape: 'micro' });
    expect(read('we use K8s.')).toEqual({ estate: 'kubernetes' });
  });

  it('GIVEN a negated mention THEN that answer is not taken', () => {
    expect(read("we don't need GPUs")).toEqual({});
    expect(read('Windows is not needed')).toEqual({});
    expect(read('no GPUs')).toEqual({ hardware: 'none' });
  });

  it('GIVEN a negation in one clause THEN it does not reach past "but" or a comma', () => {
    expect(read("we don't use windows but we do need GPUs")).toEqual({ hardware: 'gpu' });
    expect(read('no windows, lots of tenants')).toEqual({ isolation: 'tenant' });
  });

  it('GIVEN a phrase inside a longer phrase of another answer THEN the longer one wins', () => {
    expect(read('no special hardware at all')).toEqual({ hardware: 'none' });
    expect(read('we are migrating to microservices from a monolith')).toMatchObject({ shape: 'mixed' });
  });

  it('GIVEN two answers to one question THEN the one named more often wins, and "containerize" is not an answer', () => {
    expect(read('should we containerize our billing app? it is a legacy monolith')).toEqual({ shape: 'monolith' });
  });

  it('GIVEN chatter about something else THEN nothing is filled', () => {
    expect(read('tell me a joke about cats')).toEqual({});
    expect(read('')).toEqual({});
  });
});
