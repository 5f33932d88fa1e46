/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTimeline"

#include "config.h"

#include <string.h>

#include "kith-deal-places.h"
#include "kith-statement.h"
#include "kith-types.h"

/*
 * A meeting whose location or title names a deal's address is on that deal's timeline. The
 * rule:
 *
 * - Words, not characters, are compared: text and address are folded to ASCII lowercase
 *   ("Straße" is "strasse", "É" is "e"), cut into runs of letters and digits, and the usual
 *   street words shortened ("Street" and "St" are one word, "North" and "N" too). So
 *   "12 Oak Street" is named by "Viewing at 12 oak st., Springfield" but not by "112 Oak
 *   Street" nor "12 Oakwood Street".
 * - A deal's address is, for each line of its street, the line's first part between commas
 *   that is distinctive: two words or more, one of them a number and one of them a word of
 *   three letters or more, eight characters in all ("Flat 2, 4 Quay Street" is "4 Quay Street";
 *   "12 Oak Street, Springfield 62701" is "12 Oak Street"). A blank street, "Main Street" or
 *   "Unit 4" links nothing.
 * - Where several addresses start at the same word of the text, the longest wins: "12 Oak
 *   Street Apt 4" names the deal at that flat, not the one at "12 Oak Street".
 * - Ties: the same address on several deals (a sale and the purchase of the same house, or a
 *   property listed again) links them all, since the event names that place and nothing in it
 *   tells one deal from another; dropping them all would lose the link the user looks for.
 *   When the text also names the city or the postal code of some of them, only those are
 *   linked ("12 Oak Street, Springfield" is not the deal at 12 Oak Street, Shelbyville).
 *
 * The addresses are read once (one query over the deals' addresses) into a table keyed by their
 * first two words; an event's text is then looked up a pair of words at a time, so that a
 * meeting costs a few hash lookups however many deals there are.
 */

#define MIN_PLACE_CHARS 8
#define MIN_NAME_LETTERS 3

typedef struct {
  GStrv  words;      /* the street line's words */
  GStrv  city;       /* the city's words, or NULL */
  GStrv  postal;     /* the postal code's words, or NULL */
  gint64 deal_id;
} Place;

struct _KithDealPlaces
{
  GHashTable *by_start;  /* "first second" word → GPtrArray of Place */
};

static const struct {
  const char *word;
  const char *as;
} short_words[] = {
  { "street", "st" }, { "avenue", "ave" }, { "av", "ave" }, { "road", "rd" }, { "drive", "dr" },
  { "boulevard", "blvd" }, { "lane", "ln" }, { "court", "ct" }, { "place", "pl" },
  { "terrace", "ter" }, { "highway", "hwy" }, { "parkway", "pkwy" }, { "square", "sq" },
  { "crescent", "cres" }, { "circle", "cir" }, { "north", "n" }, { "south", "s" },
  { "east", "e" }, { "west", "w" }, { "apartment", "apt" }, { "suite", "ste" },
  { "strasse", "str" },
};

static char *
shorten (char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (short_words); i++)
    if (strcmp (word, short_words[i].word) == 0)
      {
        g_free (word);
        return g_strdup (short_words[i].as);
      }

  return word;
}

/* @text's words, folded and shortened as the rule says; %NULL for no text */
static GStrv
words_of (const char *text)
{
  g_autoptr(GStrvBuilder) words = NULL;
  g_autofree char *ascii = NULL;
  const char *p;

  if (text == NULL || *text == '\0')
    return NULL;

  ascii = g_str_to_ascii (text, "C");
  words = g_strv_builder_new ();
  for (p = ascii; *p != '\0'; )
    {
      const char *start;

      while (*p != '\0' && !g_ascii_isalnum (*p))
        p++;
      start = p;
      while (g_ascii_isalnum (*p))
        p++;
      if (p > start)
        {
          g_autofree char *word = shorten (g_ascii_strdown (start, p - start));

          g_strv_builder_add (words, word);
        }
    }

  return g_strv_builder_end (words);
}

/* Whether @words can name a place: a number, a name of three letters or more, eight characters */
static gboolean
is_distinctive (GStrv words)
{
  gboolean number = FALSE, name = FALSE;
  gsize chars = 0;
  guint n = g_strv_length (words);

  for (guint i = 0; i < n; i++)
    {
      gsize len = strlen (words[i]);
      gboolean letters = TRUE;

      for (gsize j = 0; j < len; j++)
        letters = letters && g_ascii_isalpha (words[i][j]);
      number = number || g_ascii_isdigit (words[i][0]);
      name = name || (letters && len >= MIN_NAME_LETTERS);
      chars += len + (i > 0);
    }

  return n >= 2 && number && name && chars >= MIN_PLACE_CHARS;
}

static char *
key_of (char **words)
{
  return g_strconcat (words[0], " ", words[1], NULL);
}

static void
place_free (Place *place)
{
  g_strfreev (place->words);
  g_strfreev (place->city);
  g_strfreev (place->postal);
  g_free (place);
}

static void
add_place (KithDealPlaces *self,
           GStrv           words,
           const char     *city,
           const char     *postal,
           gint64          deal_id)
{
  Place *place = g_new0 (Place, 1);
  g_autofree char *key = key_of (words);
  GPtrArray *places = g_hash_table_lookup (self->by_start, key);

  place->words = words;
  place->city = words_of (city);
  place->postal = words_of (postal);
  place->deal_id = deal_id;
  if (places == NULL)
    {
      places = g_ptr_array_new_with_free_func ((GDestroyNotify) place_free);
      g_hash_table_insert (self->by_start, g_steal_pointer (&key), places);
    }
  g_ptr_array_add (places, place);
}

/* @line's first distinctive part (between commas), or %NULL */
static GStrv
place_of_line (const char *line)
{
  g_auto(GStrv) parts = g_strsplit (line, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      GStrv words = words_of (parts[i]);

      if (words != NULL && is_distinctive (words))
        return words;
      g_strfreev (words);
    }

  return NULL;
}

/* The place of each line of @street, as a place of @deal_id */
static void
add_street (KithDealPlaces *self,
            const char     *street,
            const char     *city,
            const char     *postal,
            gint64          deal_id)
{
  g_auto(GStrv) lines = g_strsplit (street, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      GStrv words = place_of_line (lines[i]);

      if (words != NULL)
        add_place (self, words, city, postal, deal_id);
    }
}

/**
 * kith_deal_places_new:
 *
 * Reads the street addresses of every deal, for kith_deal_places_match(). Call with the store
 * locked, on its worker.
 *
 * Returns: (transfer full): the deals' places, or %NULL with @error set
 */
KithDealPlaces *
kith_deal_places_new (KithStore  *store,
                      GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(KithDealPlaces) self = g_new0 (KithDealPlaces, 1);

  self->by_start = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  if (!kith_statement_prepare (&st, store, "SELECT a.record_id, a.street, a.city, a.postal_code "
                                           "FROM addresses a JOIN records r ON r.id = a.record_id "
                                           "WHERE r.kind = ? AND a.street IS NOT NULL", error))
    return NULL;
  kith_statement_bind_int64 (&st, 1, KITH_RECORD_PROJECT);
  while (kith_statement_step (&st, error))
    add_street (self, kith_statement_column_text (&st, 1), kith_statement_column_text (&st, 2),
                kith_statement_column_text (&st, 3), kith_statement_column_int64 (&st, 0));

  return kith_statement_failed (&st) ? NULL : g_steal_pointer (&self);
}

void
kith_deal_places_free (KithDealPlaces *places)
{
  if (places == NULL)
    return;

  g_hash_table_unref (places->by_start);
  g_free (places);
}

/* Whether @words, from @at on, start with all of @part */
static gboolean
has_at (GStrv        words,
        guint        n,
        guint        at,
        const GStrv  part)
{
  guint len = g_strv_length (part);

  if (at + len > n)
    return FALSE;
  for (guint i = 0; i < len; i++)
    if (strcmp (words[at + i], part[i]) != 0)
      return FALSE;

  return TRUE;
}

/* Whether @words have @part anywhere */
static gboolean
has_anywhere (GStrv       words,
              guint       n,
              const GStrv part)
{
  if (part == NULL || part[0] == NULL)
    return FALSE;
  for (guint at = 0; at < n; at++)
    if (has_at (words, n, at, part))
      return TRUE;

  return FALSE;
}

static gboolean
names_town (Place *place,
            GStrv  words,
            guint  n)
{
  return has_anywhere (words, n, place->city) || has_anywhere (words, n, place->postal);
}

/* The longest of @places that @words have at @at, all of them when several are as long: into
 * @found; returns their length in words, or 0 */
static guint
longest_at (GPtrArray *places,
            GStrv      words,
            guint      n,
            guint      at,
            GPtrArray *found)
{
  guint best = 0;

  for (guint i = 0; places != NULL && i < places->len; i++)
    {
      Place *place = g_ptr_array_index (places, i);
      guint len = g_strv_length (place->words);

      if (len < best || !has_at (words, n, at, place->words))
        continue;
      if (len > best)
        g_ptr_array_set_size (found, 0);
      best = len;
      g_ptr_array_add (found, place);
    }

  return best;
}

/* The deals of @found into @deal_ids: only those whose town @words name, when some are named */
static void
add_found (GPtrArray *found,
           GStrv      words,
           guint      n,
           GArray    *deal_ids)
{
  gboolean any_town = FALSE;

  for (guint i = 0; i < found->len; i++)
    any_town = any_town || names_town (g_ptr_array_index (found, i), words, n);
  for (guint i = 0; i < found->len; i++)
    {
      Place *place = g_ptr_array_index (found, i);

      if (!any_town || names_town (place, words, n))
        g_array_append_val (deal_ids, place->deal_id);
    }
}

/**
 * kith_deal_places_match:
 * @text: (nullable): an event's location or title
 * @deal_ids: (element-type gint64): where the deals whose address @text names are added (a deal
 *   may be added more than once)
 *
 * The deals whose street address @text names, by the rule at the top of kith-deal-places.c.
 */
void
kith_deal_places_match (KithDealPlaces *places,
                        const char     *text,
                        GArray         *deal_ids)
{
  g_auto(GStrv) words = words_of (text);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  guint n, at = 0;

  if (words == NULL || g_hash_table_size (places->by_start) == 0)
    return;

  n = g_strv_length (words);
  while (at + 1 < n)
    {
      g_autofree char *key = key_of (words + at);
      guint len;

      g_ptr_array_set_size (found, 0);
      len = longest_at (g_hash_table_lookup (places->by_start, key), words, n, at, found);
      add_found (found, words, n, deal_ids);
      at += MAX (len, 1);
    }
}
