/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithProfilePage"

#include "config.h"

#include <glib/gi18n.h>

#include "compose/kith-draft-open.h"
#include "kith-gui-util.h"

#include "kith-company-people.h"
#include "kith-contact-details.h"
#include "kith-addresses-group.h"
#include "kith-app-links-group.h"
#include "kith-occasions-group.h"
#include "kith-deal-people.h"
#include "kith-files-group.h"
#include "kith-kind-names.h"
#include "kith-merge-dialog.h"
#include "kith-profile-page.h"
#include "kith-profile-picture.h"
#include "kith-record-deals.h"
#include "kith-relationship-editor.h"
#include "kith-schedule-dialog.h"
#include "kith-timeline-view.h"
#include "kith-todo-dialog.h"

/*
 * A person's, company's or deal's profile: contact details edited in place, a deal's people or the
 * deals of a person or company, the relationship (segment, stage, steps, tags, custom fields),
 * timeline and to-dos, and files — a drop anywhere
 * on the page attaches files. Delete and merge come with Undo.
 *
 * The page loads a KithRecord and hands it to its parts, which bind its properties. A reload or a
 * save changes the record in place, so the rows stay and with them the keyboard focus, the cursor
 * and unsaved typing.
 */

struct _KithProfilePage
{
  GtkWidget               parent_instance;

  GtkWidget              *box;
  AdwHeaderBar           *header_bar;
  GtkWidget              *back_button;
  AdwWindowTitle         *window_title;
  GtkWidget              *menu_button;
  GtkStack               *stack;
  AdwStatusPage          *empty_page;

  /* The content, built when the first record is shown (build_content ()) */
  GtkScrolledWindow      *scrolled;
  AdwAvatar              *avatar;
  GtkLabel               *headline_label;
  GtkButton              *company_button;
  KithRecordDeals        *record_deals;
  KithTimelineView       *timeline;
  KithFilesGroup         *files;

  GPtrArray              *bindings;     /* of the record's properties to the header */

  KithStore              *store;
  KithCalendarService    *calendar;     /* for Schedule Meeting; NULL without calendars */
  KithKindNames          *names;        /* what the preset calls deals, for section titles */
  KithRecordKind          list_kind;    /* of the list beside, what nobody chosen means */
  KithRecord             *record;
  gint64                  record_id;    /* the record shown, or being loaded */
  GCancellable           *cancellable;  /* reads only */
  GCancellable           *picture_cancellable;  /* the load of the picture shown */
};

G_DEFINE_FINAL_TYPE (KithProfilePage, kith_profile_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_NAMES,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_RECORD,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (KithProfilePage *self,
       AdwToast        *t)
{
  kith_widget_add_toast (GTK_WIDGET (self), t);
}

static void
toast_text (KithProfilePage *self,
            const char      *text)
{
  toast (self, adw_toast_new (text));
}

/* Showing a record */

/* Nobody, no company, no property chosen: as the list beside calls what it lists */
static void
show_none_chosen (KithProfilePage *self)
{
  if (self->names == NULL)
    return;

  adw_status_page_set_title (self->empty_page,
                             kith_kind_names_get (self->names, self->list_kind, KITH_KIND_WORD_NONE_CHOSEN));
  adw_status_page_set_description (self->empty_page,
                                   kith_kind_names_get (self->names, self->list_kind, KITH_KIND_WORD_NONE_CHOSEN_HELP));
  adw_status_page_set_icon_name (self->empty_page, kith_kind_names_get_icon_name (self->names, self->list_kind));
}

static void
on_names_changed_cb (KithKindNames   *names,
                     GParamSpec      *pspec,
                     KithProfilePage *self)
{
  show_none_chosen (self);
}

static void
set_names (KithProfilePage *self,
           KithKindNames   *names)
{
  if (self->names != NULL)
    g_signal_handlers_disconnect_by_data (self->names, self);
  if (!g_set_object (&self->names, names))
    return;

  if (names != NULL)
    g_signal_connect_object (names, "notify::real-estate", G_CALLBACK (on_names_changed_cb), self, 0);
  show_none_chosen (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAMES]);
}

static gboolean
text_or_empty (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  g_value_set_string (to, g_value_get_string (from) != NULL ? g_value_get_string (from) : "");
  return TRUE;
}

static gboolean
is_set (GBinding     *binding,
        const GValue *from,
        GValue       *to,
        gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_string (from) != NULL && *g_value_get_string (from) != '\0');
  return TRUE;
}

/* Shows @property of the record in @widget's @label, and @widget only when it is set */
static void
bind_shown (KithProfilePage *self,
            const char      *property,
            GtkWidget       *widget,
            const char      *label)
{
  g_ptr_array_add (self->bindings, g_object_ref (g_object_bind_property_full (self->record, property, widget, label,
                                                                              G_BINDING_SYNC_CREATE, text_or_empty,
                                                                              NULL, NULL, NULL)));
  g_ptr_array_add (self->bindings, g_object_ref (g_object_bind_property_full (self->record, property, widget, "visible",
                                                                              G_BINDING_SYNC_CREATE, is_set,
                                                                              NULL, NULL, NULL)));
}

static void
unbind_all (KithProfilePage *self)
{
  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);
}

static void
on_picture_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(KithProfilePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  g_autoptr(GdkTexture) texture = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (bytes != NULL)
    texture = gdk_texture_new_from_bytes (bytes, &error);
  /* A picture gone or not an image: the avatar stays as it was */
  if (texture == NULL)
    {
      g_debug ("No picture for the avatar: %s", error->message);
      return;
    }

  adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (texture));
}

/* The record's picture once loaded; until then, and without one, a person's or company's
 * initials, and a house for a deal, whose initials say nothing ("1B" of "1B Elm Street") */
static void
show_avatar (KithProfilePage *self)
{
  gboolean deal = KITH_IS_DEAL (self->record);
  g_autofree char *picture = NULL;

  g_cancellable_cancel (self->picture_cancellable);
  g_clear_object (&self->picture_cancellable);
  adw_avatar_set_custom_image (self->avatar, NULL);
  adw_avatar_set_show_initials (self->avatar, !deal);
  adw_avatar_set_icon_name (self->avatar, deal ? "go-home-symbolic" : NULL);

  g_object_get (self->record, "picture", &picture, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.remove-picture", picture != NULL && *picture != '\0');
  if (picture != NULL && *picture != '\0')
    {
      /* A path or a URI (docs/json.md) */
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (picture);

      self->picture_cancellable = g_cancellable_new ();
      g_file_load_bytes_async (file, self->picture_cancellable, on_picture_loaded_cb, g_object_ref (self));
    }
}

static void
show_record (KithProfilePage *self,
             KithRecord      *record)
{
  const char *headline = KITH_IS_PERSON (record) ? "headline" : KITH_IS_COMPANY (record) ? "description" : "summary";

  unbind_all (self);
  if (self->record != NULL && self->record != record)
    g_signal_handlers_disconnect_by_func (self->record, show_avatar, self);
  if (!g_set_object (&self->record, record))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);

  if (record == NULL)
    {
      /* The template's binding of the title cannot evaluate without a record, and would leave
       * the last name there */
      adw_window_title_set_title (self->window_title, "");
      gtk_widget_set_visible (self->menu_button, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  show_avatar (self);
  g_signal_connect_object (record, "notify::picture", G_CALLBACK (show_avatar), self, G_CONNECT_SWAPPED);
  bind_shown (self, headline, GTK_WIDGET (self->headline_label), "label");
  if (KITH_IS_PERSON (record))
    bind_shown (self, "company", GTK_WIDGET (self->company_button), "label");
  else
    gtk_widget_set_visible (GTK_WIDGET (self->company_button), FALSE);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.merge", !KITH_IS_DEAL (record));
  gtk_widget_set_visible (self->menu_button, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "profile");
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KithProfilePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithRecord) record = kith_store_get_record_finish (KITH_STORE (source), result, &error);

  if (record == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Gone (deleted elsewhere, merged away) */
      if (self->record_id != 0)
        kith_profile_page_set_record (self, self->store, 0);
      return;
    }
  if (kith_record_get_id (record) != self->record_id)
    return;

  /* The same record again: changed in place, so that the rows stay */
  if (self->record != NULL && kith_record_get_id (self->record) == self->record_id)
    kith_record_update_from (self->record, record);
  else
    show_record (self, record);
}

static void
reload (KithProfilePage *self)
{
  if (self->store == NULL || self->record_id == 0)
    return;

  kith_store_get_record_async (self->store, self->record_id, self->cancellable, on_loaded_cb, g_object_ref (self));
}

/* Actions */

/* Undo of a delete or merge. The toast carries what its Undo button undoes, so that each toast
 * still on screen undoes its own change; once a toast goes without Undo, the change is final. */

typedef struct {
  KithProfilePage *self;
  KithStore       *store;
  gint64           undo_id;
  gint64           open_id;   /* the record to show once undone */
  gboolean         undone;
} Undo;

static void
undo_free (gpointer  data,
           GClosure *closure)
{
  Undo *undo = data;

  g_clear_object (&undo->self);
  g_clear_object (&undo->store);
  g_free (undo);
}

static void
on_undone_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Undo *undo = user_data;
  g_autoptr(GError) error = NULL;
  gboolean undone = kith_store_undo_finish (KITH_STORE (source), result, &error);

  /* Undone either way; a page already disposed shows nothing */
  if (!undone && !g_cancellable_is_cancelled (undo->self->cancellable))
    kith_widget_show_error (GTK_WIDGET (undo->self), error->message);
  else if (undone && !g_cancellable_is_cancelled (undo->self->cancellable))
    g_signal_emit (undo->self, signals[OPEN_RECORD], 0, undo->open_id);

  undo_free (undo, NULL);
}

static void
on_undo_clicked_cb (AdwToast *t,
                    Undo     *undo)
{
  Undo *running;

  undo->undone = TRUE;
  running = g_memdup2 (undo, sizeof *undo);
  g_object_ref (running->self);
  g_object_ref (running->store);
  /* A write the user asked for completes, whatever happens to the page meanwhile */
  kith_store_undo_async (undo->store, undo->undo_id, TRUE, NULL, on_undone_cb, running);
}

static void
on_undo_dismissed_cb (AdwToast *t,
                      Undo     *undo)
{
  if (!undo->undone)
    kith_store_undo_async (undo->store, undo->undo_id, FALSE, NULL, NULL, NULL);
}

static void
offer_undo (KithProfilePage *self,
            KithStore       *store,
            const char      *text,
            gint64           undo_id,
            gint64           open_id)
{
  AdwToast *t = adw_toast_new (text);
  Undo *undo = g_new0 (Undo, 1);

  undo->self = g_object_ref (self);
  undo->store = g_object_ref (store);
  undo->undo_id = undo_id;
  undo->open_id = open_id;
  adw_toast_set_button_label (t, _("_Undo"));
  /* The Undo lives as long as the toast's handlers */
  g_signal_connect_data (t, "button-clicked", G_CALLBACK (on_undo_clicked_cb), undo, undo_free, 0);
  g_signal_connect (t, "dismissed", G_CALLBACK (on_undo_dismissed_cb), undo);
  toast (self, t);
}

typedef struct {
  KithProfilePage *self;
  KithStore       *store;
  gint64           id;
  char            *name;
} Deleting;

static void
on_deleted_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Deleting *deleting = user_data;
  g_autoptr(KithProfilePage) self = deleting->self;
  g_autoptr(KithStore) store = deleting->store;
  g_autofree char *name = deleting->name;
  gint64 id = deleting->id;
  g_autoptr(GError) error = NULL;
  gint64 undo_id = kith_store_delete_record_finish (KITH_STORE (source), result, &error);
  g_autofree char *text = NULL;

  g_free (deleting);

  /* Deleted either way; a page already disposed shows nothing */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (undo_id == 0)
    {
      toast_text (self, error->message);
      return;
    }

  text = g_strdup_printf (_("“%s” deleted"), name);
  offer_undo (self, store, text, undo_id, id);

  g_signal_emit (self, signals[DELETED], 0);
  if (self->record_id == id)
    kith_profile_page_set_record (self, self->store, 0);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithProfilePage *self = KITH_PROFILE_PAGE (widget);
  Deleting *deleting;

  if (self->record == NULL)
    return;

  deleting = g_new0 (Deleting, 1);
  deleting->self = g_object_ref (self);
  deleting->store = g_object_ref (self->store);
  deleting->id = self->record_id;
  deleting->name = g_strdup (kith_record_get_name (self->record));
  kith_store_delete_record_async (self->store, self->record_id, NULL, on_deleted_cb, deleting);
}

static void on_editor_changed_cb (KithProfilePage *self);

static void
add_todo_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KithProfilePage *self = KITH_PROFILE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog = kith_todo_dialog_new (self->store, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->record_id);

  g_signal_connect_object (dialog, "added", G_CALLBACK (on_editor_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Schedule Meeting: with the record's people, into a calendar */
static void
schedule_meeting_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  KithProfilePage *self = KITH_PROFILE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->record_id == 0 || self->calendar == NULL)
    return;
  dialog = kith_schedule_dialog_new (self->store, self->calendar, self->record_id,
                                     GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A new mail to everyone on the record with an email */
static void
write_email_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KithProfilePage *self = KITH_PROFILE_PAGE (widget);

  if (self->record_id != 0)
    kith_draft_open_to_record (widget, self->store, self->record_id);
}

static void
open_company_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KithProfilePage *self = KITH_PROFILE_PAGE (widget);

  if (KITH_IS_PERSON (self->record) && kith_person_get_company_id (KITH_PERSON (self->record)) > 0)
    g_signal_emit (self, signals[OPEN_RECORD], 0, kith_person_get_company_id (KITH_PERSON (self->record)));
}

/* The picture: set (chosen, or dropped on the avatar) or removed */

static void
on_picture_set_cb (GtkWidget *owner,
                   gint64     record_id)
{
  KithProfilePage *self = KITH_PROFILE_PAGE (owner);

  if (record_id == self->record_id)
    reload (self);
}

static void
set_picture_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KithProfilePage *self = KITH_PROFILE_PAGE (widget);

  if (self->record != NULL)
    kith_profile_picture_choose (widget, self->store, self->record_id, on_picture_set_cb);
}

static void
remove_picture_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KithProfilePage *self = KITH_PROFILE_PAGE (widget);

  if (self->record != NULL)
    kith_profile_picture_remove (widget, self->store, self->record);
}

/* Files dropped on the profile: the first one dropped on the avatar is its picture, any other
 * drop attaches them to the record */
static gboolean
on_drop_cb (GtkDropTarget   *target,
            const GValue    *value,
            double           x,
            double           y,
            KithProfilePage *self)
{
  graphene_point_t at;
  GFile *first = NULL;

  if (self->record == NULL)
    return FALSE;
  if (!gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (self->avatar),
                                 &GRAPHENE_POINT_INIT (x, y), &at) ||
      !gtk_widget_contains (GTK_WIDGET (self->avatar), at.x, at.y))
    return kith_files_group_drop (self->files, value);

  if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    first = g_value_get_object (value);
  else if (g_value_get_boxed (value) != NULL)
    first = ((GSList *) g_value_get_boxed (value))->data;
  if (first == NULL)
    return FALSE;
  kith_profile_picture_set (GTK_WIDGET (self), self->store, self->record_id, first, on_picture_set_cb);
  return TRUE;
}

/* Merge: pick the other record among likely duplicates, choose which one stays */

typedef struct {
  KithProfilePage *self;
  KithStore       *store;
  gint64           survivor;
  gint64           other;
  gint64           shown;     /* the record shown before: Undo goes back to it */
} Merge;

static void
on_merged_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autofree Merge *merge = user_data;
  g_autoptr(KithProfilePage) self = merge->self;
  g_autoptr(KithStore) store = merge->store;
  g_autoptr(GError) error = NULL;
  gint64 undo_id = kith_store_merge_records_finish (KITH_STORE (source), result, &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (undo_id == 0)
    {
      toast_text (self, error->message);
      return;
    }

  offer_undo (self, store, _("Merged"), undo_id, merge->shown);
  g_signal_emit (self, signals[OPEN_RECORD], 0, merge->survivor);
}

static void
on_merge_chosen_cb (KithMergeDialog *dialog,
                    gint64           other,
                    gboolean         keep_other,
                    KithProfilePage *self)
{
  Merge *merge;

  if (self->store == NULL)
    return;

  merge = g_new0 (Merge, 1);
  merge->self = g_object_ref (self);
  merge->store = g_object_ref (self->store);
  merge->survivor = keep_other ? other : self->record_id;
  merge->other = keep_other ? self->record_id : other;
  merge->shown = self->record_id;
  kith_store_merge_records_async (self->store, merge->survivor, merge->other, NULL, on_merged_cb, merge);
}

static void
on_candidates_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KithProfilePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = kith_store_find_merge_candidates_finish (KITH_STORE (source), result, &error);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (rows == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_text (self, error->message);
      return;
    }
  if (rows->len == 0)
    {
      toast_text (self, _("No other record with the same name, phone number or handle to merge with"));
      return;
    }

  dialog = kith_merge_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, rows);
  g_signal_connect_object (dialog, "merge", G_CALLBACK (on_merge_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KithProfilePage *self = KITH_PROFILE_PAGE (widget);

  /* Candidates are likely duplicates: the same full name, or a shared phone or handle */
  kith_store_find_merge_candidates_async (self->store, self->record_id, self->cancellable, on_candidates_cb,
                                          g_object_ref (self));
}

/* A deal's person, a person's deal */
static void
on_open_record_cb (KithProfilePage *self,
                   gint64           id)
{
  g_signal_emit (self, signals[OPEN_RECORD], 0, id);
}

/* A stage or step changed shows in the timeline's audit entries */
static void
on_editor_changed_cb (KithProfilePage *self)
{
  /* A to-do added with no record shown: no timeline yet */
  if (self->timeline != NULL)
    kith_timeline_view_set_record (self->timeline, self->store, self->record_id);
}

/* The class */

static void
kith_profile_page_dispose (GObject *object)
{
  KithProfilePage *self = (KithProfilePage *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->picture_cancellable);
  unbind_all (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_PROFILE_PAGE);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (kith_profile_page_parent_class)->dispose (object);
}

static void
kith_profile_page_finalize (GObject *object)
{
  KithProfilePage *self = (KithProfilePage *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->calendar);
  g_clear_object (&self->names);
  g_clear_object (&self->picture_cancellable);
  g_clear_object (&self->record);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->bindings, g_ptr_array_unref);

  G_OBJECT_CLASS (kith_profile_page_parent_class)->finalize (object);
}

static void
kith_profile_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KithProfilePage *self = KITH_PROFILE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_NAMES:
      g_value_set_object (value, self->names);
      break;
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_profile_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KithProfilePage *self = KITH_PROFILE_PAGE (object);
  KithRecord *record;

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    case PROP_NAMES:
      set_names (self, g_value_get_object (value));
      break;
    case PROP_RECORD:
      record = g_value_get_object (value);
      self->record_id = record != NULL ? kith_record_get_id (record) : 0;
      show_record (self, record);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_profile_page_class_init (KithProfilePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_profile_page_dispose;
  object_class->finalize = kith_profile_page_finalize;
  object_class->get_property = kith_profile_page_get_property;
  object_class->set_property = kith_profile_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  /* What the preset calls deals: the template names the sections of deals with it */
  properties[PROP_NAMES] =
    g_param_spec_object ("names", NULL, NULL, KITH_TYPE_KIND_NAMES,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * KithProfilePage:record:
   *
   * The record shown, a #KithPerson, #KithCompany or #KithDeal, or %NULL.
   */
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, KITH_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KithProfilePage::open-record:
   * @id: a record to show instead (a company, a restored record)
   */
  signals[OPEN_RECORD] = g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (KITH_TYPE_RECORD);
  g_type_ensure (KITH_TYPE_CONTACT_DETAILS);
  g_type_ensure (KITH_TYPE_RELATIONSHIP_EDITOR);
  g_type_ensure (KITH_TYPE_TIMELINE_VIEW);
  g_type_ensure (KITH_TYPE_FILES_GROUP);
  g_type_ensure (KITH_TYPE_DEAL_PEOPLE);
  g_type_ensure (KITH_TYPE_RECORD_DEALS);
  g_type_ensure (KITH_TYPE_COMPANY_PEOPLE);
  g_type_ensure (KITH_TYPE_ADDRESSES_GROUP);
  g_type_ensure (KITH_TYPE_APP_LINKS_GROUP);
  g_type_ensure (KITH_TYPE_OCCASIONS_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-profile-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, box);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, window_title);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, stack);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, empty_page);

  gtk_widget_class_install_action (widget_class, "profile.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "profile.add-todo", NULL, add_todo_action);
  gtk_widget_class_install_action (widget_class, "profile.write-email", NULL, write_email_action);
  gtk_widget_class_install_action (widget_class, "profile.schedule-meeting", NULL, schedule_meeting_action);
  gtk_widget_class_install_action (widget_class, "profile.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "profile.open-company", NULL, open_company_action);
  gtk_widget_class_install_action (widget_class, "profile.set-picture", NULL, set_picture_action);
  gtk_widget_class_install_action (widget_class, "profile.remove-picture", NULL, remove_picture_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK, "profile.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "profile.add-todo", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kith_profile_page_init (KithProfilePage *self)
{
  GType drop_types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };
  GtkEventController *drop_target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);

  /* A drop anywhere on the profile attaches files, and one on the avatar is its picture. In the
   * capture phase, before a text field under the pointer takes the files as text and pastes their
   * paths; text still goes there. */
  drop_target = GTK_EVENT_CONTROLLER (gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY));
  gtk_drop_target_set_gtypes (GTK_DROP_TARGET (drop_target), drop_types, G_N_ELEMENTS (drop_types));
  gtk_event_controller_set_propagation_phase (drop_target, GTK_PHASE_CAPTURE);
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (on_drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), drop_target);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.delete", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.schedule-meeting", FALSE);
}

GtkWidget *
kith_profile_page_new (KithStore *store)
{
  return g_object_new (KITH_TYPE_PROFILE_PAGE, "store", store, NULL);
}

/* The profile's content (kith-profile-content.ui) is built the first time a record is shown
 * rather than with the window: the window opens on nobody chosen, and building the content's
 * few hundred widgets (contact details, relationship, timeline, files) was a fifteenth of the
 * main thread's work before the first frame of the People list (bench/README.md, 2026-12-02).
 * It is declared as the template is, its bindings looking up the page as "KithProfilePage". */
static void
build_content (KithProfilePage *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();

  if (self->scrolled != NULL)
    return;

  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "on_editor_changed_cb", G_CALLBACK (on_editor_changed_cb),
                                           "on_open_record_cb", G_CALLBACK (on_open_record_cb),
                                           NULL);
  builder = gtk_builder_new ();
  gtk_builder_set_scope (builder, scope);
  /* The object the handlers are called on, as for a template */
  gtk_builder_set_current_object (builder, G_OBJECT (self));
  gtk_builder_expose_object (builder, "KithProfilePage", G_OBJECT (self));
  gtk_builder_add_from_resource (builder, "/io/github/kithcrm/Kith/ui/profile/kith-profile-content.ui", NULL);

  self->scrolled = GTK_SCROLLED_WINDOW (gtk_builder_get_object (builder, "scrolled"));
  self->avatar = ADW_AVATAR (gtk_builder_get_object (builder, "avatar"));
  self->headline_label = GTK_LABEL (gtk_builder_get_object (builder, "headline_label"));
  self->company_button = GTK_BUTTON (gtk_builder_get_object (builder, "company_button"));
  self->record_deals = KITH_RECORD_DEALS (gtk_builder_get_object (builder, "record_deals"));
  self->timeline = KITH_TIMELINE_VIEW (gtk_builder_get_object (builder, "timeline"));
  kith_timeline_view_set_calendar_service (self->timeline, self->calendar);
  self->files = KITH_FILES_GROUP (gtk_builder_get_object (builder, "files"));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->scrolled), "profile");
}

/**
 * kith_profile_page_set_record:
 * @record_id: the record to show, or 0 for none
 *
 * Loads record @record_id and shows it; when it is the record shown, loads it again into the
 * record shown, which keeps the changes not yet saved.
 */
void
kith_profile_page_set_record (KithProfilePage *self,
                              KithStore       *store,
                              gint64           record_id)
{
  g_return_if_fail (KITH_IS_PROFILE_PAGE (self));

  if (self->store != store)
    {
      g_set_object (&self->store, store);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.delete", record_id != 0);
  if (record_id != 0)
    build_content (self);

  /* A read for another record is no longer wanted, and another record opens at its top */
  if (record_id != self->record_id)
    {
      g_cancellable_cancel (self->cancellable);
      g_set_object (&self->cancellable, g_cancellable_new ());
      if (self->scrolled != NULL)
        gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
    }
  self->record_id = record_id;

  if (self->record_deals != NULL)
    kith_record_deals_set_record (self->record_deals, store, record_id);
  if (record_id == 0)
    {
      show_record (self, NULL);
      return;
    }

  reload (self);
  kith_timeline_view_set_record (self->timeline, store, record_id);
  kith_files_group_set_record (self->files, store, record_id);
}

/**
 * kith_profile_page_get_record:
 *
 * Returns: (transfer none) (nullable): the record shown
 */
KithRecord *
kith_profile_page_get_record (KithProfilePage *self)
{
  g_return_val_if_fail (KITH_IS_PROFILE_PAGE (self), NULL);

  return self->record;
}

/**
 * kith_profile_page_set_calendar_service:
 * @calendar: (nullable): the application's calendars; without them there is no Schedule Meeting
 */
void
kith_profile_page_set_calendar_service (KithProfilePage     *self,
                                        KithCalendarService *calendar)
{
  g_return_if_fail (KITH_IS_PROFILE_PAGE (self));

  g_set_object (&self->calendar, calendar);
  if (self->timeline != NULL)
    kith_timeline_view_set_calendar_service (self->timeline, calendar);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.schedule-meeting", calendar != NULL);
}

void
kith_profile_page_set_show_back (KithProfilePage *self,
                                 gboolean         show)
{
  g_return_if_fail (KITH_IS_PROFILE_PAGE (self));

  gtk_widget_set_visible (self->back_button, show);
}

/**
 * kith_profile_page_set_list_kind:
 * @kind: what the list beside the page lists
 *
 * Names what the page shows when nothing is chosen: "Nobody Selected" beside People, "No
 * Property Selected" beside Properties.
 */
void
kith_profile_page_set_list_kind (KithProfilePage *self,
                                 KithRecordKind   kind)
{
  g_return_if_fail (KITH_IS_PROFILE_PAGE (self));
  g_return_if_fail (kind <= KITH_RECORD_PROJECT);

  if (self->list_kind == kind)
    return;

  self->list_kind = kind;
  show_none_chosen (self);
}
