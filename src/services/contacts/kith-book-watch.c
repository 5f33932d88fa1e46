/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithBookWatch: one followed address book. It opens the book in a worker thread, reads all its contacts once and hands them to the
 * store's worker in batches, reporting progress on its KithAddressBook; an EBookClientView
 * then brings contacts added, changed and deleted on the book. Kith's own edits of linked
 * records (the store's "changed" signal, gathered for a moment) go back to the book when it
 * is writable. Every piece of work runs as a store job, one after the other, so that the
 * window never waits and a contact is never read and written at once.
 */

#define G_LOG_DOMAIN "KithBooks"

#include "config.h"

#include <libebook/libebook.h>

#include "kith-book-sync.h"
#include "kith-book-watch.h"
#include "kith-eds.h"

#define CONNECT_TIMEOUT_SECONDS 30
/* Contacts per store job, one transaction each. The first reading of a book takes a tenth of
 * it at a time, so that its commits and "changed" announcements (each refreshes the lists the
 * window shows) are few while its progress still moves; changes the view brings come a few
 * at a time anyway. Small enough that another writer (an edit, mail capture) waits for one
 * batch at most: jobs go to the store one at a time (bench/README.md, "Address books"). */
#define MIN_BATCH_SIZE 250
#define MAX_BATCH_SIZE 1000
/* Kith's edits are gathered this long before they are written to the book */
#define WRITE_BACK_DELAY_MS 300

typedef enum {
  JOB_CONTACTS,
  JOB_FORGET,
  JOB_KEEP_ONLY,
  JOB_WRITE_BACK,
} JobKind;

typedef struct {
  JobKind       kind;
  char         *book_uid;
  EBookClient  *client;
  GPtrArray    *contacts;    /* of EContact; let go of on the worker once written */
  guint         n_contacts;
  GStrv         uids;
  GHashTable   *present;     /* contact uid set: filled by the first reading's JOB_CONTACTS,
                              * then read by JOB_KEEP_ONLY, one after the other on the worker */
  GArray       *record_ids;
} Job;

struct _KithBookWatch
{
  GObject          parent_instance;

  KithStore       *store;
  ESource         *source;
  KithAddressBook *item;
  GCancellable    *cancellable;
  EBookClient     *client;
  EBookClientView *view;
  GQueue           jobs;
  gboolean         running;
  gboolean         first_reading;   /* the whole book read, its contacts being written */
  guint            first_total;     /* contacts of the first reading still to report */
  guint            first_done;
  GArray          *edited;          /* record ids changed in Kith, not yet written back */
  gboolean         edited_all;      /* a change too large to name its records: all of them */
  guint            write_back_id;
};

G_DEFINE_FINAL_TYPE (KithBookWatch, kith_book_watch, G_TYPE_OBJECT)

static void
job_free (Job *job)
{
  g_free (job->book_uid);
  g_clear_object (&job->client);
  g_clear_pointer (&job->contacts, g_ptr_array_unref);
  g_clear_pointer (&job->uids, g_strfreev);
  g_clear_pointer (&job->present, g_hash_table_unref);
  g_clear_pointer (&job->record_ids, g_array_unref);
  g_free (job);
}

static Job *
job_new (KithBookWatch *self,
         JobKind        kind)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->book_uid = g_strdup (e_source_get_uid (self->source));
  job->client = self->client != NULL ? g_object_ref (self->client) : NULL;

  return job;
}

/* On the store's worker */
static gpointer
run_job (KithStore  *store,
         gpointer    data,
         GError    **error)
{
  Job *job = data;
  gboolean ok = FALSE;

  switch (job->kind)
    {
    case JOB_CONTACTS:
      ok = kith_book_sync_contacts (store, job->book_uid, job->contacts, job->present, error);
      /* Thousands of parsed contacts: freed here rather than on the main thread */
      job->n_contacts = job->contacts->len;
      g_clear_pointer (&job->contacts, g_ptr_array_unref);
      break;
    case JOB_FORGET:
      ok = kith_book_sync_forget (store, job->book_uid, (const char * const *) job->uids, error);
      break;
    case JOB_KEEP_ONLY:
      ok = kith_book_sync_keep_only (store, job->book_uid, job->present, error);
      break;
    case JOB_WRITE_BACK:
      ok = kith_book_sync_write_back (store, job->client, job->book_uid, job->record_ids, NULL, error);
      break;
    }

  return ok ? GINT_TO_POINTER (1) : NULL;
}

static void run_next (KithBookWatch *self);
static void schedule_write_back (KithBookWatch *self);

static void
report_first (KithBookWatch *self,
              guint          n)
{
  if (self->first_total == 0)
    return;
  self->first_done += n;
  kith_address_book_set_progress (self->item, (double) self->first_done / self->first_total);
}

static void
on_job_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KithBookWatch) self = user_data;
  g_autoptr(GError) error = NULL;
  Job *job = g_queue_pop_head (&self->jobs);

  self->running = FALSE;
  if (kith_store_run_finish (KITH_STORE (source), result, &error) == NULL)
    g_warning ("Address book %s: %s", job->book_uid, error->message);

  if (job->kind == JOB_CONTACTS && job->present != NULL)
    report_first (self, job->n_contacts);
  if (job->kind == JOB_KEEP_ONLY)
    {
      self->first_reading = FALSE;
      self->first_total = 0;
      kith_address_book_set_progress (self->item, 1.0);
      kith_address_book_set_state (self->item, KITH_ADDRESS_BOOK_STATE_READY, NULL);
      schedule_write_back (self);
    }
  job_free (job);
  run_next (self);
}

/* Jobs run in order, one at a time: the head of the queue is the one running. Once the book
 * is no longer followed, only the writing back of edits already made is left to run. */
static void
run_next (KithBookWatch *self)
{
  Job *job;

  if (self->running)
    return;
  while ((job = g_queue_peek_head (&self->jobs)) != NULL &&
         job->kind != JOB_WRITE_BACK && g_cancellable_is_cancelled (self->cancellable))
    job_free (g_queue_pop_head (&self->jobs));
  if (job == NULL)
    return;
  self->running = TRUE;
  /* A write asked for completes even if the book is no longer followed: no cancellable */
  kith_store_run_async (self->store, run_job, job, NULL, NULL, NULL, on_job_done_cb, g_object_ref (self));
}

static void
push (KithBookWatch *self,
      Job           *job)
{
  g_queue_push_tail (&self->jobs, job);
  run_next (self);
}

/* @present: (nullable): for the first reading, the set its jobs add the contacts' uids to */
static void
push_contacts (KithBookWatch *self,
               const GSList  *contacts,
               guint          batch_size,
               GHashTable    *present)
{
  Job *job = NULL;

  for (const GSList *l = contacts; l != NULL; l = l->next)
    {
      if (job == NULL)
        {
          job = job_new (self, JOB_CONTACTS);
          job->contacts = g_ptr_array_new_with_free_func (g_object_unref);
          job->present = present != NULL ? g_hash_table_ref (present) : NULL;
        }
      g_ptr_array_add (job->contacts, g_object_ref (l->data));
      if (job->contacts->len == batch_size || l->next == NULL)
        push (self, g_steal_pointer (&job));
    }
}

static void
on_objects_changed_cb (EBookClientView *view,
                       const GSList    *contacts,
                       KithBookWatch   *self)
{
  push_contacts (self, contacts, MIN_BATCH_SIZE, NULL);
}

static void
on_objects_removed_cb (EBookClientView *view,
                       const GSList    *uids,
                       KithBookWatch   *self)
{
  Job *job = job_new (self, JOB_FORGET);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (const GSList *l = uids; l != NULL; l = l->next)
    g_strv_builder_add (builder, l->data);
  job->uids = g_strv_builder_end (builder);
  push (self, job);
}

static gboolean
write_back_cb (gpointer user_data)
{
  KithBookWatch *self = user_data;
  Job *job = job_new (self, JOB_WRITE_BACK);

  self->write_back_id = 0;
  job->record_ids = g_steal_pointer (&self->edited);
  self->edited = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (self->edited_all)
    g_clear_pointer (&job->record_ids, g_array_unref);
  self->edited_all = FALSE;
  push (self, job);

  return G_SOURCE_REMOVE;
}

static gboolean
has_edited (KithBookWatch *self)
{
  return self->edited_all || self->edited->len > 0;
}

/* The edits gathered are written back once none came for a moment. Not during the first
 * reading: its own writes announce thousands of records batch after batch, which would have
 * the records looked at between its batches; they are looked at once, when it is done. */
static void
schedule_write_back (KithBookWatch *self)
{
  g_clear_handle_id (&self->write_back_id, g_source_remove);
  if (!self->first_reading && has_edited (self))
    self->write_back_id = g_timeout_add (WRITE_BACK_DELAY_MS, write_back_cb, self);
}

/* @ids: (nullable): the records changed; %NULL: too many to name */
static void
add_edited (KithBookWatch *self,
            GArray        *ids)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_array_append_val (self->edited, g_array_index (ids, gint64, i));
  self->edited_all = self->edited_all || ids == NULL;
  schedule_write_back (self);
}

/* Records changed in Kith: people and companies are candidates for writing back. The sync's
 * own writes come here too and are skipped by the links (nothing edited since they agreed). */
static void
on_store_changed_cb (KithStore        *store,
                     KithStoreChanges *changes,
                     KithBookWatch    *self)
{
  g_autoptr(GArray) ids = NULL;

  if (self->client == NULL || e_client_is_readonly (E_CLIENT (self->client)) ||
      (!kith_store_changes_has_kind (changes, KITH_RECORD_PERSON) &&
       !kith_store_changes_has_kind (changes, KITH_RECORD_COMPANY)))
    return;
  ids = kith_store_changes_has_many (changes) ? NULL : kith_store_changes_dup_ids (changes);
  if (ids == NULL || ids->len > 0)
    add_edited (self, ids);
}

static void
fail (KithBookWatch *self,
      GError        *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  kith_address_book_set_state (self->item, KITH_ADDRESS_BOOK_STATE_ERROR, error->message);
}

/* The query of every contact of a book */
static char *
all_contacts_query (void)
{
  EBookQuery *query = e_book_query_any_field_contains ("");
  char *text = e_book_query_to_string (query);

  e_book_query_unref (query);
  return text;
}

static void
on_contacts_read_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(KithBookWatch) self = user_data;
  g_autoptr(GError) error = NULL;
  GSList *contacts = NULL;
  Job *keep;

  if (!e_book_client_get_contacts_finish (E_BOOK_CLIENT (source), result, &contacts, &error))
    {
      fail (self, error);
      return;
    }

  /* The uids are taken on the worker, where the contacts' vCards are parsed anyway */
  keep = job_new (self, JOB_KEEP_ONLY);
  keep->present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->first_reading = TRUE;
  self->first_total = g_slist_length (contacts);
  self->first_done = 0;
  kith_address_book_set_progress (self->item, 0.0);
  kith_address_book_set_state (self->item, KITH_ADDRESS_BOOK_STATE_SYNCING, NULL);
  push_contacts (self, contacts, CLAMP (self->first_total / 10, MIN_BATCH_SIZE, MAX_BATCH_SIZE), keep->present);
  push (self, keep);
  g_slist_free_full (contacts, g_object_unref);
}

static void
on_view_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(KithBookWatch) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;

  if (!e_book_client_get_view_finish (E_BOOK_CLIENT (source), result, &self->view, &error))
    {
      fail (self, error);
      return;
    }

  /* The view brings changes only: the whole book is read once below, in one call */
  e_book_client_view_set_flags (self->view, E_BOOK_CLIENT_VIEW_FLAGS_NONE, NULL);
  g_signal_connect_object (self->view, "objects-added", G_CALLBACK (on_objects_changed_cb), self, 0);
  g_signal_connect_object (self->view, "objects-modified", G_CALLBACK (on_objects_changed_cb), self, 0);
  g_signal_connect_object (self->view, "objects-removed", G_CALLBACK (on_objects_removed_cb), self, 0);
  e_book_client_view_start (self->view, &error);
  if (error != NULL)
    {
      fail (self, error);
      return;
    }

  query = all_contacts_query ();
  e_book_client_get_contacts (self->client, query, self->cancellable, on_contacts_read_cb, g_object_ref (self));
}

static void
on_connected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(KithBookWatch) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;
  EClient *client = kith_eds_connect_finish (result, &error);

  if (client == NULL)
    {
      fail (self, error);
      return;
    }

  self->client = E_BOOK_CLIENT (client);
  kith_address_book_set_writable (self->item, !e_client_is_readonly (client));
  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
  query = all_contacts_query ();
  e_book_client_get_view (self->client, query, self->cancellable, on_view_cb, g_object_ref (self));
}

static void
kith_book_watch_dispose (GObject *object)
{
  KithBookWatch *self = KITH_BOOK_WATCH (object);

  kith_book_watch_stop (self);
  g_clear_object (&self->view);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (kith_book_watch_parent_class)->dispose (object);
}

static void
kith_book_watch_finalize (GObject *object)
{
  KithBookWatch *self = KITH_BOOK_WATCH (object);

  g_queue_clear_full (&self->jobs, (GDestroyNotify) job_free);
  g_clear_pointer (&self->edited, g_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->item);
  g_clear_object (&self->source);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kith_book_watch_parent_class)->finalize (object);
}

static void
kith_book_watch_class_init (KithBookWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kith_book_watch_dispose;
  object_class->finalize = kith_book_watch_finalize;
}

static void
kith_book_watch_init (KithBookWatch *self)
{
  self->cancellable = g_cancellable_new ();
  self->edited = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_queue_init (&self->jobs);
}

/**
 * kith_book_watch_new:
 * @item: where the watch reports its state and progress
 *
 * Starts following the address book @source.
 */
KithBookWatch *
kith_book_watch_new (KithStore       *store,
                     ESource         *source,
                     KithAddressBook *item)
{
  KithBookWatch *self = g_object_new (KITH_TYPE_BOOK_WATCH, NULL);

  self->store = g_object_ref (store);
  self->source = g_object_ref (source);
  self->item = g_object_ref (item);
  kith_address_book_set_state (item, KITH_ADDRESS_BOOK_STATE_CONNECTING, NULL);
  kith_eds_connect (source, KITH_EDS_ADDRESS_BOOK, CONNECT_TIMEOUT_SECONDS, self->cancellable, on_connected_cb,
                    g_object_ref (self));

  return self;
}

/**
 * kith_book_watch_stop:
 *
 * Nothing more is read from the book. Edits already gathered are still written back, and the
 * job running completes.
 */
void
kith_book_watch_stop (KithBookWatch *self)
{
  g_return_if_fail (KITH_IS_BOOK_WATCH (self));

  g_clear_handle_id (&self->write_back_id, g_source_remove);
  if (has_edited (self))
    write_back_cb (self);
  g_cancellable_cancel (self->cancellable);
  if (self->view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->view, self);
      e_book_client_view_stop (self->view, NULL);
    }
  g_signal_handlers_disconnect_by_data (self->store, self);
}
