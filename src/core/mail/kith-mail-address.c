/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithMailAddress"

#include "config.h"

#include <string.h>

#include "kith-mail-address.h"

/*
 * Addresses as the user types them, checked before a message enters the Outbox. Core does not
 * link Camel, and needs no full RFC 5322 parser: the rule here is deliberately simple —
 * "Name <local@domain>" or "local@domain", one @, a domain with a dot inside, no spaces or
 * brackets in the address. That catches what people mistype (a missing domain, a space, a
 * name without its address) and refuses only exotic forms nobody types into a composer (quoted
 * local parts, dotless domains). It cannot know whether the mailbox exists: the SMTP server
 * has the last word, and a recipient it refuses fails the message with its text.
 */

static gboolean
is_address (const char *address)
{
  const char *at = strchr (address, '@');
  const char *dot;

  if (at == NULL || at == address || strchr (at + 1, '@') != NULL)
    return FALSE;

  for (const char *p = address; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p) || strchr ("<>()[],;:\"\\", *p) != NULL)
      return FALSE;

  /* A dot inside the domain, not at either end: "example.com", not "example" or "example." */
  dot = strchr (at + 1, '.');
  return dot != NULL && dot != at + 1 && address[strlen (address) - 1] != '.';
}

/* "Ann Lee" from ` "Ann Lee" `: trimmed, without the quotes around it */
static char *
clean_name (const char *text,
            gsize       length)
{
  g_autofree char *name = g_strstrip (g_strndup (text, length));
  gsize n = strlen (name);

  if (n >= 2 && name[0] == '"' && name[n - 1] == '"')
    return g_strstrip (g_strndup (name + 1, n - 2));

  return g_steal_pointer (&name);
}

/**
 * kith_mail_address_parse:
 * @text: an address as typed: "Ann Lee <ann@example.com>" or "ann@example.com"
 * @out_name: (out) (optional) (nullable): the name, or %NULL when there is none
 * @out_address: (out) (optional): the address alone
 *
 * Returns: whether @text is an address, by the simple rule above
 */
gboolean
kith_mail_address_parse (const char  *text,
                         char       **out_name,
                         char       **out_address)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *name = NULL;
  g_autofree char *address = NULL;
  char *open = strrchr (trimmed, '<');
  gsize n = strlen (trimmed);

  if (open != NULL)
    {
      if (n == 0 || trimmed[n - 1] != '>')
        return FALSE;
      address = g_strstrip (g_strndup (open + 1, trimmed + n - 1 - (open + 1)));
      name = clean_name (trimmed, open - trimmed);
    }
  else
    address = g_strdup (trimmed);

  if (!is_address (address))
    return FALSE;

  if (out_name != NULL)
    *out_name = name != NULL && *name != '\0' ? g_steal_pointer (&name) : NULL;
  if (out_address != NULL)
    *out_address = g_steal_pointer (&address);

  return TRUE;
}

/**
 * kith_mail_address_message_id:
 * @from_address: the address the message is from
 *
 * Returns: (transfer full): a new Message-ID, "<" 16 random bytes in hex "@" the domain of
 *   @from_address ">": unique without a registry, and from a domain the sender owns
 */
char *
kith_mail_address_message_id (const char *from_address)
{
  const char *at = from_address != NULL ? strrchr (from_address, '@') : NULL;
  GString *id = g_string_new ("<");

  for (guint i = 0; i < 4; i++)
    g_string_append_printf (id, "%08" G_GINT32_MODIFIER "x", g_random_int ());
  g_string_append_printf (id, "@%s>", at != NULL && at[1] != '\0' ? at + 1 : "localhost");

  return g_string_free (id, FALSE);
}
