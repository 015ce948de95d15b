// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Who a sent message would notify, by Discord's rules for `allowed_mentions`. */
export interface Pings {
  everyone: boolean;
  users: string[];
  roles: string[];
}

/**
 * Discord pings what the content mentions unless `allowed_mentions` says otherwise: with no
 * `allowed_mentions` at all, @everyone/@here, every <@user> and <@&role> notify. With it, only the
 * types in `parse` plus the ids listed in `users` / `roles` do.
 */
export function pingsOf(body: Json): Pings {
  const content = typeof body?.content === 'string' ? body.content : '';
  const users = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] as string);
  const roles = [...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1] as string);
  const everyone = /@(everyone|here)/.test(content);
  const allowed = body?.allowed_mentions;
  if (!allowed) return { everyone, users, roles };
  const parse: string[] = allowed.parse ?? [];
  const listedUsers: string[] = allowed.users ?? [];
  const listedRoles: string[] = allowed.roles ?? [];
  return {
    everyone: everyone && parse.includes('everyone'),
    users: users.filter((id) => parse.includes('users') || listedUsers.includes(id)),
    roles: roles.filter((id) => parse.includes('roles') || listedRoles.includes(id)),
  };
}

let nextId = 1_500_000_000_000_000_000n;
export const snowflake = () => String((nextId += 1n));

/** Messages and interactions the fake knows, so responses carry what real Discord would add. */
export function createMessageBook(botUser: Json) {
  const messages = new Map<string, Json>();
  const users = new Map<string, Json>([[botUser.id, botUser]]);
  const interactions = new Map<string, Json>(); // by token
  const originals = new Map<string, Json>(); // by token

  const userOf = (id: string) => users.get(id) ?? { id, username: `user${id.slice(-4)}`, discriminator: '0', avatar: null, global_name: null };

  function learn(t: string, d: Json): void {
    const people = [d?.author, d?.user, d?.member?.user, ...(d?.mentions ?? [])].filter(Boolean);
    for (const person of people) users.set(person.id, person);
    if (t === 'MESSAGE_CREATE') messages.set(d.id, d);
    if (t === 'INTERACTION_CREATE') interactions.set(d.token, d);
  }

  function create(channelId: string, body: Json, extra: Json = {}): Json {
    const reference = body?.message_reference;
    const message = {
      id: snowflake(),
      channel_id: channelId,
      author: botUser,
      content: body?.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: pingsOf(body).everyone,
      mentions: [...new Set(pingsOf({ content: body?.content, allowed_mentions: { parse: ['users'] } }).users)].map(userOf),
      mention_roles: [],
      attachments: [],
      embeds: body?.embeds ?? [],
      pinned: false,
      type: reference ? 19 : 0,
      flags: body?.flags ?? 0,
      components: body?.components ?? [],
      ...(reference ? { message_reference: { type: 0, channel_id: channelId, ...reference }, referenced_message: messages.get(reference.message_id) ?? null } : {}),
      ...extra,
    };
    messages.set(message.id, message);
    return message;
  }

  function metadataOf(interaction: Json): Json {
    return { id: interaction.id, type: interaction.type, user: interaction.member?.user ?? interaction.user, authorizing_integration_owners: interaction.authorizing_integration_owners ?? {} };
  }

  /** POST /interactions/:id/:token/callback: type 5 creates the "thinking…" original, type 6 adopts the clicked message. */
  function callback(token: string, body: Json): void {
    const interaction = interactions.get(token);
    if (!interaction) return;
    if (body?.type === 5 || body?.type === 4) {
      originals.set(token, create(interaction.channel_id, { content: body.data?.content ?? '', flags: body.data?.flags }, {
        application_id: interaction.application_id,
        webhook_id: interaction.application_id,
        interaction_metadata: metadataOf(interaction),
      }));
    } else if (body?.type === 6 || body?.type === 7) {
      originals.set(token, interaction.message);
    }
  }

  function editOriginal(token: string, body: Json): Json {
    const original = originals.get(token) ?? create('0', {});
    const edited = { ...original, ...pick(body, ['content', 'components', 'embeds', 'flags']), edited_timestamp: new Date().toISOString() };
    originals.set(token, edited);
    messages.set(edited.id, edited);
    return edited;
  }

  function followUp(token: string, body: Json): Json {
    const interaction = interactions.get(token);
    return create(interaction?.channel_id ?? '0', body, {
      application_id: interaction?.application_id,
      webhook_id: interaction?.application_id,
      ...(interaction ? { interaction_metadata: metadataOf(interaction) } : {}),
    });
  }

  return { learn, create, callback, editOriginal, followUp, message: (id: string) => messages.get(id) };
}

function pick(body: Json, keys: string[]): Json {
  return Object.fromEntries(keys.filter((k) => body && k in body).map((k) => [k, body[k]]));
}
