import { describe, expect, it } from 'vitest';
import { cleanInput, MAX_INPUT_CHARS } from '../../../src/core/text/clean.js';

describe('cleanInput', () => {
  it('GIVEN empty or blank text THEN flags it as empty', () => {
    expect(cleanInput('').problem).toBe('empty');
    expect(cleanInput('   \n\t ').problem).toBe('empty');
    expect(cleanInput('\u0000\u0007\u200b').problem).toBe('empty');
  });

  it('GIVEN a 20,000-character message THEN flags it as too long instead of reading it', () => {
    expect(cleanInput('a'.repeat(20_000)).problem).toBe('too_long');
    expect(cleanInput('word '.repeat(MAX_INPUT_CHARS / 5 + 1)).problem).toBe('too_long');
  });

  it('GIVEN only emoji or punctuation THEN flags that there are no words', () => {
    expect(cleanInput('🐳🐳🔥').problem).toBe('no_words');
    expect(cleanInput('?!?!').problem).toBe('no_words');
  });

  it('GIVEN only a code block THEN flags code only', () => {
    expect(cleanInput('```\ndocker run -it ubuntu\n```').problem).toBe('code_only');
  });

  it('GIVEN text in another script or another Latin-script language THEN flags it', () => {
    expect(cleanInput('что такое контейнер?').problem).toBe('other_language');
    expect(cleanInput('コンテナとは何ですか').problem).toBe('other_language');
    expect(cleanInput('¿qué es un contenedor y en qué se diferencia de una máquina virtual?').problem).toBe('other_language');
    expect(cleanInput("qu'est-ce qu'un hyperviseur et pourquoi est-il utile pour les VMs ?").problem).toBe('other_language');
    expect(cleanInput('wat is het verschil tussen een container en een vm').problem).toBe('other_language');
  });

  it('GIVEN English with the odd foreign word THEN reads it as English', () => {
    expect(cleanInput('is docker a de facto standard for containers?').problem).toBeUndefined();
    expect(cleanInput('vm or container for our app, no idea which').problem).toBeUndefined();
    expect(cleanInput('what is la différence between kvm and xen').problem).toBeUndefined();
  });

  it('GIVEN mentions, broadcasts, links and control characters THEN keeps only the words', () => {
    const cleaned = cleanInput('<@U123ABC> hey <!here> @everyone what is\u0007 <https://x.io|kvm>? <#C1|general> <@&55>');
    expect(cleaned.problem).toBeUndefined();
    expect(cleaned.text).toBe('hey what is kvm?');
  });

  it('GIVEN a question around a code block THEN keeps the question', () => {
    expect(cleanInput('why is this slow? ```FROM ubuntu\nRUN apt-get update```').text).toBe('why is this slow?');
  });
});
