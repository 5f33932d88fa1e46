/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithOutgoingPage: the messages in some states of their life (KithOutgoing), newest first —
 * the window's Outbox (queued, sending, failed) and its Drafts are each one. A row shows the
 * recipients, the subject, the state and when, and a failed message the server's text; Retry
 * sends a failed one again, Edit takes a queued or failed one back to a draft and opens it in
 * the composer, Discard removes a draft or failed one after the toast's Undo has had its time.
 * The list is read again on the store's worker after every change to the outgoing messages,
 * and applied as the smallest changes, so the rows that stay are kept.
 */

#define G_LOG_DOMAIN "KithOutgoingPage"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-date-format.h"
#include "kith-gui-util.h"
#include "kith-list-sync.h"
#include "kith-object-util.h"
#include "kith-outgoing-page.h"

struct _KithOutgoingPage
{
  GtkWidget     parent_instance;

  GtkListView  *list_view;

  KithStore    *store;
  guint         states;
  char         *title;
  gboolean      show_back;
  GListStore   *messages;     /* KithOutgoing */
  GHashTable   *discarding;   /* ids whose Discard waits for its toast to go, without Undo */
  KithSerial    reload;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (KithOutgoingPage, kith_outgoing_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STATES,
  PROP_TITLE,
  PROP_EMPTY_TEXT,
  PROP_MESSAGES,
  PROP_COUNT,
  PROP_SHOW_BACK,
  N_PROPS
};

enum {
  EDIT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void reload (KithOutgoingPage *self);

/* Reading the list */

static gboolean
same_message (gpointer item,
              gpointer other)
{
  return kith_outgoing_get_id (item) == kith_outgoing_get_id (other);
}

static void
update_message (gpointer item,
                gpointer from)
{
  kith_object_update (item, from, NULL);
}

/* The messages found but those being discarded, as the smallest changes: a row whose message
 * stays is kept and shows what changed */
static void
show_messages (KithOutgoingPage *self,
               GListModel       *found)
{
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_object_unref);
  guint count = g_list_model_get_n_items (G_LIST_MODEL (self->messages));

  for (guint i = 0; i < g_list_model_get_n_items (found); i++)
    {
      g_autoptr(KithOutgoing) message = g_list_model_get_item (found, i);
      gint64 id = kith_outgoing_get_id (message);

      if (!g_hash_table_contains (self->discarding, &id))
        g_ptr_array_add (wanted, g_steal_pointer (&message));
    }
  kith_list_store_sync (self->messages, wanted, same_message, update_message);

  if (count != wanted->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

static void
on_listed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KithOutgoingPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = kith_store_outgoing_list_finish (KITH_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (found != NULL)
    show_messages (self, found);
  else
    kith_widget_show_error (GTK_WIDGET (self), error->message);
  if (kith_serial_end (&self->reload))
    reload (self);
}

static void
reload (KithOutgoingPage *self)
{
  if (!kith_serial_begin (&self->reload))
    return;

  kith_store_outgoing_list_async (self->store, self->states, self->cancellable, on_listed_cb, g_object_ref (self));
}

static void
on_store_changed_cb (KithStore        *store,
                     KithStoreChanges *changes,
                     KithOutgoingPage *self)
{
  if (kith_store_changes_has_area (changes, KITH_STORE_AREA_OUTGOING))
    reload (self);
}

static KithOutgoing *
find_message (KithOutgoingPage *self,
              gint64            id,
              guint            *out_position)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->messages)); i++)
    {
      g_autoptr(KithOutgoing) item = g_list_model_get_item (G_LIST_MODEL (self->messages), i);

      if (kith_outgoing_get_id (item) == id)
        {
          *out_position = i;
          return g_steal_pointer (&item);
        }
    }
  return NULL;
}

/* Writes: the user asked for them, so they complete whether or not the page is still there */

static void
show_write_error (KithOutgoingPage *self,
                  GError           *error)
{
  if (error != NULL && !g_cancellable_is_cancelled (self->cancellable))
    kith_widget_show_error (GTK_WIDGET (self), error->message);
}

static void
on_retried_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithOutgoingPage) self = user_data;
  g_autoptr(GError) error = NULL;

  kith_store_outgoing_retry_finish (KITH_STORE (source), result, &error);
  show_write_error (self, error);
}

static void
on_discarded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(KithOutgoingPage) self = user_data;
  g_autoptr(GError) error = NULL;

  kith_store_outgoing_discard_finish (KITH_STORE (source), result, &error);
  show_write_error (self, error);
}

/* A queued or failed message back to a draft, read back as the composer takes it. A failed one
 * goes through queued (the store's only way back from failed) in the same transaction, so the
 * sender never sees it queued. */
static gpointer
to_draft_job (KithStore  *store,
              gpointer    data,
              GError    **error)
{
  gint64 id = *(gint64 *) data;
  g_autoptr(KithOutgoing) message = kith_store_outgoing_get (store, id, error);

  if (message == NULL || !kith_store_begin (store, error))
    return NULL;
  if ((kith_outgoing_get_state (message) == KITH_OUTGOING_FAILED && !kith_store_outgoing_retry (store, id, error)) ||
      !kith_store_outgoing_unqueue (store, id, error) ||
      !kith_store_commit (store, error))
    {
      kith_store_rollback (store);
      return NULL;
    }
  return kith_store_outgoing_get (store, id, error);
}

static void
on_to_draft_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KithOutgoingPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithOutgoing) draft = kith_store_run_finish (KITH_STORE (source), result, &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (draft != NULL)
    g_signal_emit (self, signals[EDIT], 0, draft);
  show_write_error (self, error);
}

/* Discard, with Undo */

static void
discard_now (KithOutgoingPage *self,
             gint64            id)
{
  if (self->discarding != NULL && g_hash_table_remove (self->discarding, &id))
    kith_store_outgoing_discard_async (self->store, id, on_discarded_cb, g_object_ref (self));
}

/* A Discard's toast: which message, on which page */
typedef struct {
  KithOutgoingPage *self;
  gint64            id;
} Discarding;

static void
discarding_free (gpointer data,
                 GClosure *closure)
{
  Discarding *discarding = data;

  g_object_unref (discarding->self);
  g_free (discarding);
}

static void
on_discard_toast_dismissed_cb (AdwToast   *toast,
                               Discarding *discarding)
{
  discard_now (discarding->self, discarding->id);
}

static void
on_discard_undone_cb (AdwToast   *toast,
                      Discarding *discarding)
{
  KithOutgoingPage *self = discarding->self;

  if (self->discarding != NULL && g_hash_table_remove (self->discarding, &discarding->id))
    reload (self);
}

static void
discard (KithOutgoingPage *self,
         KithOutgoing     *message)
{
  gint64 id = kith_outgoing_get_id (message);
  const char *subject = kith_outgoing_get_subject (message);
  g_autofree char *title = NULL;
  Discarding *discarding = g_new0 (Discarding, 1);
  AdwToast *toast;
  guint position;
  g_autoptr(KithOutgoing) shown = find_message (self, id, &position);

  g_hash_table_add (self->discarding, g_memdup2 (&id, sizeof id));
  if (shown != NULL)
    {
      g_list_store_remove (self->messages, position);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
    }

  title = subject != NULL && *subject != '\0' ? g_strdup_printf (_("“%s” discarded"), subject)
                                              : g_strdup (_("Message discarded"));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  discarding->self = g_object_ref (self);
  discarding->id = id;
  /* Dismissed after Undo too, which has taken the id out of those waiting by then */
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_discard_undone_cb), discarding);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (on_discard_toast_dismissed_cb), discarding,
                         discarding_free, 0);
  kith_widget_add_toast (GTK_WIDGET (self), toast);
}

/* Template callbacks: the rows' (kith-outgoing-row.ui), each given its list item */

static KithOutgoingPage *
page_of (GtkWidget *widget)
{
  return KITH_OUTGOING_PAGE (gtk_widget_get_ancestor (widget, KITH_TYPE_OUTGOING_PAGE));
}

static void
on_retry_clicked_cb (GtkButton   *button,
                     GtkListItem *list_item)
{
  KithOutgoingPage *self = page_of (GTK_WIDGET (button));

  kith_store_outgoing_retry_async (self->store, kith_outgoing_get_id (gtk_list_item_get_item (list_item)),
                                   on_retried_cb, g_object_ref (self));
}

static void
on_edit_clicked_cb (GtkButton   *button,
                    GtkListItem *list_item)
{
  KithOutgoingPage *self = page_of (GTK_WIDGET (button));
  gint64 id = kith_outgoing_get_id (gtk_list_item_get_item (list_item));

  kith_store_run_async (self->store, to_draft_job, g_memdup2 (&id, sizeof id), g_free, g_object_unref, NULL,
                        on_to_draft_cb, g_object_ref (self));
}

static void
on_discard_clicked_cb (GtkButton   *button,
                       GtkListItem *list_item)
{
  discard (page_of (GTK_WIDGET (button)), gtk_list_item_get_item (list_item));
}

/* A draft opens in the composer */
static void
on_activate_cb (GtkListView      *list_view,
                guint             position,
                KithOutgoingPage *self)
{
  g_autoptr(KithOutgoing) message = g_list_model_get_item (G_LIST_MODEL (self->messages), position);

  if (message != NULL && kith_outgoing_get_state (message) == KITH_OUTGOING_DRAFT)
    g_signal_emit (self, signals[EDIT], 0, message);
}

static char *
stack_page (gpointer this,
            guint    count)
{
  return g_strdup (count > 0 ? "list" : "empty");
}

static char *
recipients_text (gpointer   this,
                 GStrv      to,
                 GStrv      cc)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) all = NULL;

  if (to != NULL)
    g_strv_builder_addv (builder, (const char **) to);
  if (cc != NULL)
    g_strv_builder_addv (builder, (const char **) cc);
  all = g_strv_builder_end (builder);
  return *all != NULL ? g_strjoinv (", ", all) : g_strdup (_("No recipients"));
}

static char *
subject_text (gpointer    this,
              const char *subject)
{
  return g_strdup (subject != NULL && *subject != '\0' ? subject : _("No subject"));
}

/* "Today 14:05", or a day and time */
static char *
format_when (gint64 when)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (when / G_USEC_PER_SEC);
  g_autofree char *day = kith_date_format_relative_day (time);
  g_autofree char *clock = kith_date_format (time, "%H:%M");

  if (day == NULL)
    day = kith_date_format (time, "%-d %b %Y");
  /* Translators: a day ("Today", "3 Dec 2026") and a time */
  return g_strdup_printf (C_("when", "%s %s"), day, clock);
}

static char *
state_text (gpointer          this,
            KithOutgoingState state,
            gint64            updated,
            gint64            send_after)
{
  g_autofree char *when = format_when (state == KITH_OUTGOING_QUEUED ? send_after : updated);

  switch (state)
    {
    case KITH_OUTGOING_DRAFT:
      /* Translators: %s is when, e.g. "Today 14:05" */
      return g_strdup_printf (_("Draft, saved %s"), when);
    case KITH_OUTGOING_QUEUED:
      return g_strdup_printf (_("Queued, to leave %s"), when);
    case KITH_OUTGOING_SENDING:
      return g_strdup (_("Sending…"));
    case KITH_OUTGOING_SENT:
      return g_strdup_printf (_("Sent %s"), when);
    case KITH_OUTGOING_FAILED:
      return g_strdup_printf (_("Not sent, %s"), when);
    default:
      return g_strdup ("");
    }
}

static gboolean
is_draft (gpointer          this,
          KithOutgoingState state)
{
  return state == KITH_OUTGOING_DRAFT;
}

static gboolean
is_failed (gpointer          this,
           KithOutgoingState state)
{
  return state == KITH_OUTGOING_FAILED;
}

static gboolean
can_edit (gpointer          this,
          KithOutgoingState state)
{
  return state == KITH_OUTGOING_QUEUED || state == KITH_OUTGOING_FAILED;
}

static gboolean
can_discard (gpointer          this,
             KithOutgoingState state)
{
  return state == KITH_OUTGOING_DRAFT || state == KITH_OUTGOING_FAILED;
}

static void
kith_outgoing_page_constructed (GObject *object)
{
  KithOutgoingPage *self = KITH_OUTGOING_PAGE (object);

  G_OBJECT_CLASS (kith_outgoing_page_parent_class)->constructed (object);

  /* A screen reader names the list as the page is titled */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title != NULL ? self->title : "", -1);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
  reload (self);
}

/* A Discard whose toast is still up is what the user asked for: it is written as the page goes */
static void
discard_pending (KithOutgoingPage *self)
{
  g_autoptr(GHashTable) pending = g_steal_pointer (&self->discarding);
  GHashTableIter iter;
  gint64 *id;

  if (pending == NULL)
    return;
  g_hash_table_iter_init (&iter, pending);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    kith_store_outgoing_discard_async (self->store, *id, on_discarded_cb, g_object_ref (self));
}

static void
kith_outgoing_page_dispose (GObject *object)
{
  KithOutgoingPage *self = KITH_OUTGOING_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  discard_pending (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_OUTGOING_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->messages);

  G_OBJECT_CLASS (kith_outgoing_page_parent_class)->dispose (object);
}

static void
kith_outgoing_page_finalize (GObject *object)
{
  KithOutgoingPage *self = KITH_OUTGOING_PAGE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_free (self->title);

  G_OBJECT_CLASS (kith_outgoing_page_parent_class)->finalize (object);
}

static void
kith_outgoing_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KithOutgoingPage *self = KITH_OUTGOING_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_STATES:
      g_value_set_uint (value, self->states);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_EMPTY_TEXT:
      g_value_set_string (value, self->states & KITH_OUTGOING_PAGE_DRAFTS ? _("No Drafts") : _("Nothing to Send"));
      break;
    case PROP_MESSAGES:
      g_value_set_object (value, self->messages);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, kith_outgoing_page_get_count (self));
      break;
    case PROP_SHOW_BACK:
      g_value_set_boolean (value, self->show_back);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_outgoing_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KithOutgoingPage *self = KITH_OUTGOING_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_STATES:
      self->states = g_value_get_uint (value);
      break;
    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;
    case PROP_SHOW_BACK:
      kith_outgoing_page_set_show_back (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_outgoing_page_class_init (KithOutgoingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_outgoing_page_constructed;
  object_class->dispose = kith_outgoing_page_dispose;
  object_class->finalize = kith_outgoing_page_finalize;
  object_class->get_property = kith_outgoing_page_get_property;
  object_class->set_property = kith_outgoing_page_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Which states the page lists: bits 1 << KithOutgoingState */
  properties[PROP_STATES] = g_param_spec_uint ("states", NULL, NULL, 0, G_MAXUINT, KITH_OUTGOING_PAGE_OUTBOX,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPTY_TEXT] = g_param_spec_string ("empty-text", NULL, NULL, NULL,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGES] = g_param_spec_object ("messages", NULL, NULL, G_TYPE_LIST_MODEL,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* How many messages the page lists: the sidebar shows it */
  properties[PROP_COUNT] = g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_BACK] = g_param_spec_boolean ("show-back", NULL, NULL, FALSE,
                                                     G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The message, a draft, to open in the composer */
  signals[EDIT] = g_signal_new ("edit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 1, KITH_TYPE_OUTGOING);

  g_type_ensure (KITH_TYPE_OUTGOING);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/compose/kith-outgoing-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KithOutgoingPage, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_discard_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, stack_page);
  gtk_widget_class_bind_template_callback (widget_class, recipients_text);
  gtk_widget_class_bind_template_callback (widget_class, subject_text);
  gtk_widget_class_bind_template_callback (widget_class, state_text);
  gtk_widget_class_bind_template_callback (widget_class, is_draft);
  gtk_widget_class_bind_template_callback (widget_class, is_failed);
  gtk_widget_class_bind_template_callback (widget_class, can_edit);
  gtk_widget_class_bind_template_callback (widget_class, can_discard);
}

static void
kith_outgoing_page_init (KithOutgoingPage *self)
{
  self->messages = g_list_store_new (KITH_TYPE_OUTGOING);
  self->discarding = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kith_outgoing_page_new:
 * @states: the states listed, e.g. %KITH_OUTGOING_PAGE_OUTBOX
 *
 * Returns: (transfer floating): a page listing @store's messages in @states
 */
GtkWidget *
kith_outgoing_page_new (KithStore  *store,
                        guint       states,
                        const char *title)
{
  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  return g_object_new (KITH_TYPE_OUTGOING_PAGE, "store", store, "states", states, "title", title, NULL);
}

guint
kith_outgoing_page_get_count (KithOutgoingPage *self)
{
  g_return_val_if_fail (KITH_IS_OUTGOING_PAGE (self), 0);

  return self->messages != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->messages)) : 0;
}

void
kith_outgoing_page_set_show_back (KithOutgoingPage *self,
                                  gboolean          show_back)
{
  g_return_if_fail (KITH_IS_OUTGOING_PAGE (self));

  show_back = !!show_back;
  if (self->show_back == show_back)
    return;
  self->show_back = show_back;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_BACK]);
}
