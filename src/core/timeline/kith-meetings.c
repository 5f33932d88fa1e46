/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTimeline"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "kith-deal-places.h"
#include "kith-meetings.h"
#include "kith-record-writer.h"
#include "kith-records-private.h"
#include "kith-statement.h"
#include "kith-timeline-input.h"
#include "kith-timeline-private.h"
#include "kith-timeline-writer.h"

/*
 * Meetings from calendars on the timeline. A calendar keeps its events; Kith keeps, for each
 * instance in which someone with a record takes part, one item of kind meeting, found again by
 * its source ("calendar:<uid>") and unique id (UID + RECURRENCE-ID), so that reading a
 * calendar again writes over what it wrote before instead of adding to it.
 */

#define MAX_DURATION (7 * 24 * 3600)   /* what a timeline item takes */

KithMeeting *
kith_meeting_new (const char *source,
                  const char *unique_id)
{
  KithMeeting *meeting = g_new0 (KithMeeting, 1);

  meeting->source = g_strdup (source);
  meeting->unique_id = g_strdup (unique_id);
  meeting->people = g_ptr_array_new_with_free_func (g_free);

  return meeting;
}

static void
person_free (KithMeetingPerson *person)
{
  g_free (person->address);
  g_free (person->name);
  g_free (person->role);
  g_free (person);
}

void
kith_meeting_free (KithMeeting *meeting)
{
  if (meeting == NULL)
    return;

  g_free (meeting->source);
  g_free (meeting->unique_id);
  g_free (meeting->title);
  g_free (meeting->location);
  g_free (meeting->notes);
  g_free (meeting->link);
  g_ptr_array_set_free_func (meeting->people, (GDestroyNotify) person_free);
  g_ptr_array_unref (meeting->people);
  g_free (meeting);
}

/**
 * kith_meeting_add_person:
 * @role: "from" for the organizer, "to" for a required attendee, "cc" for an optional one
 */
void
kith_meeting_add_person (KithMeeting *meeting,
                         const char  *address,
                         const char  *name,
                         const char  *role)
{
  KithMeetingPerson *person = g_new0 (KithMeetingPerson, 1);

  person->address = g_strdup (address);
  person->name = name != NULL && *name != '\0' ? g_strdup (name) : NULL;
  person->role = g_strdup (role);
  g_ptr_array_add (meeting->people, person);
}

/* The item of @source with @unique_id, or 0 */
static gint64
find_item (KithStore   *self,
           const char  *source,
           const char  *unique_id)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT id FROM timeline WHERE source = ? AND unique_id = ?", NULL))
    return 0;
  kith_statement_bind_text (&st, 1, source);
  kith_statement_bind_text (&st, 2, unique_id);

  return kith_statement_get_int64 (&st, NULL);
}

/* Addresses matched to records, and the deals of those records, kept for the meetings of one
 * read of a calendar: the same few hundred people attend thousands of meetings, and each would
 * otherwise be looked up again for every meeting they attend */
struct _KithMeetingMatcher
{
  GHashTable *records;   /* "address US name" → record id (0 when none) */
  GHashTable *deals;     /* record id → GArray of deal ids */
  KithDealPlaces *places; /* the deals' addresses, read at the first meeting */
};

/**
 * kith_meeting_matcher_new:
 *
 * Returns: (transfer full): a matcher to pass to kith_store_put_meeting_matched() for meetings
 *   written one after the other; forget what it knows of people (kith_meeting_matcher_forget())
 *   when records may have changed between them. The deals' addresses are read once, at the
 *   first meeting, and kept: make a new matcher for each read of a calendar.
 */
KithMeetingMatcher *
kith_meeting_matcher_new (void)
{
  KithMeetingMatcher *matcher = g_new0 (KithMeetingMatcher, 1);

  matcher->records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  matcher->deals = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);

  return matcher;
}

void
kith_meeting_matcher_forget (KithMeetingMatcher *matcher)
{
  g_hash_table_remove_all (matcher->records);
  g_hash_table_remove_all (matcher->deals);
}

void
kith_meeting_matcher_free (KithMeetingMatcher *matcher)
{
  if (matcher == NULL)
    return;

  g_hash_table_unref (matcher->records);
  g_hash_table_unref (matcher->deals);
  kith_deal_places_free (matcher->places);
  g_free (matcher);
}

/* The record @person's address names (as the timeline will link it: through the sync keys, as
 * mail is), or 0 */
static gint64
match_person (KithStore          *self,
              KithMeetingPerson  *person,
              KithMeetingMatcher *matcher)
{
  g_autofree char *key = g_strconcat (person->address, "\x1f", person->name ? person->name : "", NULL);
  KithParty *p;
  gpointer found;
  gint64 id = 0;

  if (matcher != NULL && (found = g_hash_table_lookup (matcher->records, key)) != NULL)
    return *(gint64 *) found;

  if ((p = kith_party_new (self, person->role, person->address, person->name, NULL, NULL)) != NULL)
    {
      id = p->record_id;
      kith_party_free (p);
    }
  if (matcher != NULL)
    g_hash_table_insert (matcher->records, g_steal_pointer (&key), g_memdup2 (&id, sizeof id));

  return id;
}

/* The people of @meeting who have a record: their ids into @ids */
static void
match_people (KithStore          *self,
              KithMeeting        *meeting,
              KithMeetingMatcher *matcher,
              GArray             *ids)
{
  for (guint i = 0; i < meeting->people->len; i++)
    {
      gint64 id = match_person (self, g_ptr_array_index (meeting->people, i), matcher);

      if (id != 0)
        g_array_append_val (ids, id);
    }
}

/* The deals in which @record_id takes part (not as their team) */
static GArray *
deals_of (KithStore *self,
          gint64     record_id)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  GArray *deals = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!kith_statement_prepare (&st, self, "SELECT project_id FROM project_members "
                                          "WHERE record_id = ? AND role = 'participant'", NULL))
    return deals;
  kith_statement_bind_int64 (&st, 1, record_id);
  while (kith_statement_step (&st, NULL))
    {
      gint64 deal = kith_statement_column_int64 (&st, 0);

      g_array_append_val (deals, deal);
    }

  return deals;
}

static GArray *
match_deals (KithStore          *self,
             gint64              record_id,
             KithMeetingMatcher *matcher)
{
  GArray *deals;

  if (matcher == NULL)
    return deals_of (self, record_id);
  if ((deals = g_hash_table_lookup (matcher->deals, &record_id)) == NULL)
    {
      deals = deals_of (self, record_id);
      g_hash_table_insert (matcher->deals, g_memdup2 (&record_id, sizeof record_id), deals);
    }

  return g_array_ref (deals);
}

/* The deals whose address @meeting's location or title names (kith-deal-places.c), into @deals */
static gboolean
match_places (KithStore          *self,
              KithMeeting        *meeting,
              KithMeetingMatcher *matcher,
              GArray             *deals,
              GError            **error)
{
  if (matcher->places == NULL && (matcher->places = kith_deal_places_new (self, error)) == NULL)
    return FALSE;
  kith_deal_places_match (matcher->places, meeting->location, deals);
  kith_deal_places_match (matcher->places, meeting->title, deals);

  return TRUE;
}

static void
add_reference (GPtrArray  *references,
               GHashTable *seen,
               gint64      deal)
{
  g_autofree char *ref = NULL;

  if (!g_hash_table_add (seen, g_memdup2 (&deal, sizeof deal)))
    return;
  ref = g_strdup_printf ("#%" G_GINT64_FORMAT, deal);
  g_ptr_array_add (references, kith_party_input_new (ref, NULL, NULL));
}

/* The rule for deals: a meeting is on the timeline of every deal one of whose participants (not
 * its team, who are the user's side) attends, and of every deal whose street address its
 * location or title names (the rule for addresses is at the top of kith-deal-places.c). */
static GPtrArray *
deal_references (KithStore          *self,
                 KithMeeting        *meeting,
                 GArray             *people,
                 KithMeetingMatcher *matcher,
                 GError            **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) references = kith_party_input_list_new ();
  g_autoptr(GArray) named = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < people->len; i++)
    {
      g_autoptr(GArray) deals = match_deals (self, g_array_index (people, gint64, i), matcher);

      for (guint j = 0; j < deals->len; j++)
        add_reference (references, seen, g_array_index (deals, gint64, j));
    }
  if (!match_places (self, meeting, matcher, named, error))
    return NULL;
  for (guint i = 0; i < named->len; i++)
    add_reference (references, seen, g_array_index (named, gint64, i));

  return g_steal_pointer (&references);
}

static char *
links_json (const char *link)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  json_array_add_string_element (array, link);
  json_node_set_array (node, array);

  return json_to_string (node, FALSE);
}

/* The timeline input for @meeting: its organizer as the sender, its attendees as recipients */
static void
fill_input (KithMeeting        *meeting,
            GPtrArray          *references,
            KithTimelineInput  *in)
{
  in->style = g_strdup ("meeting");
  in->source = g_strdup (meeting->source);
  in->unique_id = g_strdup (meeting->unique_id);
  in->subject = g_strdup (meeting->title);
  in->location = g_strdup (meeting->location);
  in->body = g_strdup (meeting->notes);
  in->links = meeting->link != NULL ? links_json (meeting->link) : NULL;
  in->has_date = TRUE;
  in->date = meeting->start;
  in->has_duration = TRUE;
  in->duration = CLAMP (meeting->duration, 0, MAX_DURATION);
  in->recipients = kith_party_input_list_new ();
  for (guint i = 0; i < meeting->people->len; i++)
    {
      KithMeetingPerson *person = g_ptr_array_index (meeting->people, i);

      if (g_str_equal (person->role, "from") && in->from == NULL)
        {
          in->from = g_strdup (person->address);
          in->from_name = g_strdup (person->name);
        }
      else if (!g_str_equal (person->role, "from"))
        g_ptr_array_add (in->recipients, kith_party_input_new (person->address, person->name, person->role));
    }
  if (references->len > 0)
    in->references = g_ptr_array_ref (references);
}

static gboolean
put_meeting_locked (KithStore          *self,
                    KithMeeting        *meeting,
                    KithMeetingMatcher *matcher,
                    gint64             *out_item_id,
                    GError            **error)
{
  g_autoptr(GArray) people = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) references = NULL;
  g_auto(KithTimelineInput) in = { NULL, };
  gint64 id;

  match_people (self, meeting, matcher, people);
  if ((references = deal_references (self, meeting, people, matcher, error)) == NULL)
    return FALSE;
  /* Nobody in Kith takes part (any longer) and no deal's address is named: the meeting is on
   * no timeline */
  if (people->len == 0 && references->len == 0)
    return kith_store_remove_meeting (self, meeting->source, meeting->unique_id, error);

  fill_input (meeting, references, &in);
  if ((id = kith_timeline_add_input (self, &in, NULL, NULL, error)) == 0)
    return FALSE;

  *out_item_id = id;
  return TRUE;
}

/**
 * kith_store_put_meeting:
 * @out_item_id: (out) (optional): the item on the timeline, or 0 when nobody with a record takes
 *   part and the meeting is on no timeline
 *
 * Puts @meeting on the timeline of every record it names by address, of their deals and of the
 * deals whose street address its location or title names; or writes over the item it put there
 * before (the same source and unique id). When it names no record (any longer), the item it had
 * is removed. Only meetings that have begun
 * count as contact (last contact).
 *
 * Returns: %TRUE on success
 */
gboolean
kith_store_put_meeting (KithStore    *self,
                        KithMeeting  *meeting,
                        gint64       *out_item_id,
                        GError      **error)
{
  return kith_store_put_meeting_matched (self, meeting, NULL, out_item_id, error);
}

/**
 * kith_store_put_meeting_matched:
 * @matcher: (nullable): what earlier meetings found of their people, to look up only the
 *   addresses it has not seen
 *
 * kith_store_put_meeting(), for many meetings one after the other.
 *
 * Returns: %TRUE on success
 */
gboolean
kith_store_put_meeting_matched (KithStore          *self,
                                KithMeeting        *meeting,
                                KithMeetingMatcher *matcher,
                                gint64             *out_item_id,
                                GError            **error)
{
  g_autoptr(KithMeetingMatcher) own = NULL;
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);
  g_return_val_if_fail (meeting != NULL && meeting->source != NULL && meeting->unique_id != NULL, FALSE);

  if (matcher == NULL)
    matcher = own = kith_meeting_matcher_new ();
  kith_store_lock (self);
  ok = put_meeting_locked (self, meeting, matcher, &id, error);
  kith_store_unlock (self);
  if (out_item_id != NULL)
    *out_item_id = ok ? id : 0;

  return ok;
}

/**
 * kith_store_remove_meeting:
 *
 * Takes the meeting of @source with @unique_id off the timeline; one that is not there is no
 * error.
 */
gboolean
kith_store_remove_meeting (KithStore   *self,
                           const char  *source,
                           const char  *unique_id,
                           GError     **error)
{
  gint64 id;
  gboolean ok = TRUE;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  kith_store_lock (self);
  id = find_item (self, source, unique_id);
  if (id != 0)
    ok = kith_store_delete_timeline_item (self, id, error);
  kith_store_unlock (self);

  return ok;
}

static GStrv
list_meetings_locked (KithStore   *self,
                      const char  *source,
                      GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  if (!kith_statement_prepare (&st, self, "SELECT unique_id FROM timeline "
                                          "WHERE source = ? AND unique_id IS NOT NULL", error))
    return NULL;
  kith_statement_bind_text (&st, 1, source);
  while (kith_statement_step (&st, error))
    g_strv_builder_add (ids, kith_statement_column_text (&st, 0));

  return kith_statement_failed (&st) ? NULL : g_strv_builder_end (ids);
}

/**
 * kith_store_list_meetings:
 *
 * Returns: (transfer full): the unique ids of the items @source put on the timeline, or %NULL
 *   with @error set
 */
GStrv
kith_store_list_meetings (KithStore   *self,
                          const char  *source,
                          GError     **error)
{
  GStrv ids;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  ids = list_meetings_locked (self, source, error);
  kith_store_unlock (self);

  return ids;
}

/* The domain of @address, lowercased, or NULL */
static char *
domain_of (const char *address)
{
  const char *at = strrchr (address, '@');

  return at != NULL && at[1] != '\0' ? g_ascii_strdown (at + 1, -1) : NULL;
}

static gboolean
is_external (KithMeetingPerson  *person,
             const char * const *own_domains)
{
  g_autofree char *domain = domain_of (person->address);

  return domain != NULL && (own_domains == NULL || !g_strv_contains (own_domains, domain));
}

/* A person with one email, named as the invitation names them; a failure is only logged, so
 * that one bad address does not stop the others */
static gboolean
create_person (KithStore          *self,
               KithMeetingPerson  *person)
{
  g_autoptr(JsonObject) data = json_object_new ();
  JsonArray *emails = json_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *local = g_strndup (person->address, strcspn (person->address, "@"));

  json_array_add_string_element (emails, person->address);
  json_object_set_string_member (data, "name", person->name != NULL ? person->name : local);
  json_object_set_array_member (data, "emails", emails);
  json_object_set_string_member (data, "leadSource", "Calendar");

  if (kith_store_create_record (self, KITH_RECORD_PERSON, data, NULL, &local_error) != 0)
    return TRUE;

  g_warning ("Could not create a person for %s: %s", person->address, local_error->message);
  return FALSE;
}

static guint
add_people_locked (KithStore           *self,
                   KithMeeting         *meeting,
                   const char * const  *own_domains,
                   GError             **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = 0;

  if (!kith_store_begin (self, error))
    return (guint) -1;
  for (guint i = 0; i < meeting->people->len; i++)
    {
      KithMeetingPerson *person = g_ptr_array_index (meeting->people, i);
      KithParty *p;
      gboolean known;

      if (!is_external (person, own_domains) || !g_hash_table_add (seen, g_ascii_strdown (person->address, -1)))
        continue;
      p = kith_party_new (self, person->role, person->address, person->name, NULL, NULL);
      known = p == NULL || p->record_id != 0;
      g_clear_pointer (&p, kith_party_free);
      if (!known && create_person (self, person))
        n++;
    }

  return kith_store_commit (self, error) ? n : (guint) -1;
}

/**
 * kith_store_meeting_add_people:
 * @own_domains: (nullable): the domains of the user's own addresses (lowercase): who has one of
 *   them is on the user's side, not an outside attendee
 *
 * The per-calendar option "create people from attendees": when @meeting has attendees from
 * outside (an address in none of @own_domains), creates a person for each of them that no record
 * has yet. Put the meeting on the timeline afterwards (kith_store_put_meeting()), so that it
 * links them.
 *
 * Returns: how many people were created, or -1 (as guint) with @error set
 */
guint
kith_store_meeting_add_people (KithStore           *self,
                               KithMeeting         *meeting,
                               const char * const  *own_domains,
                               GError             **error)
{
  guint n;

  g_return_val_if_fail (KITH_IS_STORE (self), (guint) -1);
  g_return_val_if_fail (meeting != NULL, (guint) -1);

  kith_store_lock (self);
  n = add_people_locked (self, meeting, own_domains, error);
  kith_store_unlock (self);

  return n;
}
