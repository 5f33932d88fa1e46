/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithProfilePage"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-gui-util.h"

#include "kith-files-group.h"
#include "kith-profile-page.h"
#include "kith-relationship-editor.h"
#include "kith-timeline-view.h"
#include "kith-todo-dialog.h"

/*
 * A person's, company's or project's profile: contact details edited in place, the
 * relationship (segment, stage, steps, tags, custom fields), timeline and to-dos, and files —
 * a drop anywhere on the page attaches files. Delete and merge come with Undo.
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
  GtkWidget              *content;
  AdwAvatar              *avatar;
  GtkLabel               *name_label;
  GtkLabel               *headline_label;
  GtkButton              *company_button;
  AdwPreferencesGroup    *details_group;

  KithRelationshipEditor *relationship;
  KithTimelineView       *timeline;
  KithFilesGroup         *files;
  GPtrArray              *detail_rows;
  GPtrArray              *new_rows;     /* while build_details () runs */
  gint64                  details_id;   /* the record detail_rows show */

  KithStore              *store;
  gint64                  record_id;
  JsonObject             *record;
  GCancellable           *cancellable;
};

G_DEFINE_FINAL_TYPE (KithProfilePage, kith_profile_page, GTK_TYPE_WIDGET)

enum {
  OPEN_RECORD,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (KithProfilePage *self);

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

/* Saving a change to the record */

typedef struct {
  KithProfilePage *self;
  GtkWidget       *row;     /* where a refusal is shown */
  char            *title;   /* the row's own title, restored on success */
} Saving;

typedef struct {
  gint64      id;
  JsonObject *patch;
} Patch;

static void
patch_free (Patch *patch)
{
  json_object_unref (patch->patch);
  g_free (patch);
}

static gpointer
patch_job (KithStore  *store,
           gpointer    data,
           GError    **error)
{
  Patch *patch = data;

  return GINT_TO_POINTER (kith_store_update_record (store, patch->id, patch->patch, error));
}

static void
on_patched_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Saving *saving = user_data;
  g_autoptr(KithProfilePage) self = saving->self;
  g_autoptr(GtkWidget) row = saving->row;
  g_autofree char *title = saving->title;
  g_autoptr(GError) error = NULL;

  g_free (saving);

  if (!kith_store_run_finish (KITH_STORE (source), result, &error))
    {
      if (g_cancellable_is_cancelled (self->cancellable))
        return;
      /* Keep what was typed; say at the field what is wrong with it */
      if (row != NULL && ADW_IS_PREFERENCES_ROW (row))
        {
          g_object_set_data (G_OBJECT (row), "applied", NULL);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error->message);
          gtk_widget_add_css_class (row, "error");
        }
      else
        toast_text (self, error->message);
      return;
    }

  /* Saved either way; a widget already disposed shows nothing */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  reload (self);
}

static void
save_patch (KithProfilePage *self,
            JsonObject      *patch,
            GtkWidget       *row)
{
  Patch *p = g_new0 (Patch, 1);
  Saving *saving = g_new0 (Saving, 1);

  p->id = self->record_id;
  p->patch = patch;
  saving->self = g_object_ref (self);
  saving->row = row != NULL ? g_object_ref (row) : NULL;

  kith_store_run_async (self->store, patch_job, p, (GDestroyNotify) patch_free, NULL, NULL,
                        on_patched_cb, saving);
}

/* Contact details */

typedef enum {
  DETAIL_SCALAR,   /* name, headline, …: a string member */
  DETAIL_LIST,     /* emails, phones, urls, domains: a list of {value} or strings */
} DetailKind;

static void
on_detail_applied_cb (AdwEntryRow     *row,
                      KithProfilePage *self)
{
  const char *member = g_object_get_data (G_OBJECT (row), "member");
  DetailKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "detail-kind"));
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "index"));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  JsonObject *patch = json_object_new ();

  /* What is being saved; the reload may replace it with the value as stored */
  g_object_set_data_full (G_OBJECT (row), "applied", g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))), g_free);

  if (kind == DETAIL_SCALAR)
    {
      if (*text == '\0')
        json_object_set_null_member (patch, member);
      else
        json_object_set_string_member (patch, member, text);
    }
  else
    {
      JsonArray *old = kith_json_get_array (self->record, member);
      JsonArray *list = json_array_new ();
      guint n = old != NULL ? json_array_get_length (old) : 0;

      /* The whole list goes back, with this entry changed, removed (empty) or added (index -1) */
      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (old, i);

          if ((int) i == index)
            {
              if (*text != '\0')
                {
                  JsonNode *copy = json_node_copy (element);

                  if (JSON_NODE_HOLDS_OBJECT (copy))
                    json_object_set_string_member (json_node_get_object (copy), "value", text);
                  else
                    json_node_set_string (copy, text);
                  json_array_add_element (list, copy);
                }
              continue;
            }
          json_array_add_element (list, json_node_copy (element));
        }
      if (index < 0 && *text != '\0')
        json_array_add_string_element (list, text);
      json_object_set_array_member (patch, member, list);
    }

  save_patch (self, patch, GTK_WIDGET (row));
}

static GtkWidget *
add_entry_row (KithProfilePage *self,
               const char      *title,
               const char      *text,
               const char      *member,
               DetailKind       kind,
               int              index)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_object_set_data_full (G_OBJECT (row), "title", g_strdup (title), g_free);
  g_object_set_data_full (G_OBJECT (row), "shown", g_strdup (text != NULL ? text : ""), g_free);
  g_object_set_data_full (G_OBJECT (row), "member", g_strdup (member), g_free);
  g_object_set_data (G_OBJECT (row), "detail-kind", GINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (row), "index", GINT_TO_POINTER (index));
  g_signal_connect_object (row, "apply", G_CALLBACK (on_detail_applied_cb), self, 0);

  g_ptr_array_add (self->new_rows, g_object_ref_sink (row));

  return row;
}

/* Whether the user has typed into @row since it showed the stored value, and not saved it */
static gboolean
is_edited (GtkWidget *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  return g_strcmp0 (text, g_object_get_data (G_OBJECT (row), "shown")) != 0 &&
         g_strcmp0 (text, g_object_get_data (G_OBJECT (row), "applied")) != 0;
}

/* Whether @a and @b stand for the same field: an entry row for the same value, or the same
 * read-only row */
static gboolean
same_row (GtkWidget *a,
          GtkWidget *b)
{
  GVariant *target_a, *target_b;

  if (G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b))
    return FALSE;
  if (ADW_IS_ENTRY_ROW (a))
    return g_strcmp0 (g_object_get_data (G_OBJECT (a), "member"), g_object_get_data (G_OBJECT (b), "member")) == 0 &&
           g_object_get_data (G_OBJECT (a), "index") == g_object_get_data (G_OBJECT (b), "index");

  target_a = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (a));
  target_b = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (b));
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (a)),
                    adw_preferences_row_get_title (ADW_PREFERENCES_ROW (b))) == 0 &&
         g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (a)), adw_action_row_get_subtitle (ADW_ACTION_ROW (b))) == 0 &&
         (target_a == NULL) == (target_b == NULL) && (target_a == NULL || g_variant_equal (target_a, target_b));
}

/* Shows in @row the stored value @from was made with, unless the user is editing it */
static void
update_row (GtkWidget *row,
            GtkWidget *from)
{
  const char *value = g_object_get_data (G_OBJECT (from), "shown");

  if (!ADW_IS_ENTRY_ROW (row))
    return;

  if (!is_edited (row))
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

      if (!g_str_equal (text, value))
        {
          int position = gtk_editable_get_position (GTK_EDITABLE (row));
          gboolean at_end = position >= (int) g_utf8_strlen (text, -1);

          gtk_editable_set_text (GTK_EDITABLE (row), value);
          gtk_editable_set_position (GTK_EDITABLE (row), at_end ? -1 : position);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_object_get_data (G_OBJECT (from), "title"));
      gtk_widget_remove_css_class (row, "error");
      g_object_set_data (G_OBJECT (row), "applied", NULL);
    }
  g_object_set_data_full (G_OBJECT (row), "title", g_strdup (g_object_get_data (G_OBJECT (from), "title")), g_free);
  g_object_set_data_full (G_OBJECT (row), "shown", g_strdup (value), g_free);
}

/* Puts the rows build_details () made in place of those shown: the same rows are kept and
 * updated, so that the keyboard focus, the cursor and unsaved typing stay where they are. When
 * rows come or go, the new ones replace the old, and the focus moves to the same field. */
static void
show_details (KithProfilePage *self,
              GPtrArray       *rows)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean same_record = self->details_id == self->record_id;
  gboolean same = same_record && rows->len == self->detail_rows->len;
  GtkWidget *focused = NULL;
  GtkWidget *target = NULL;
  int position = 0;

  for (guint i = 0; same && i < rows->len; i++)
    same = same_row (g_ptr_array_index (self->detail_rows, i), g_ptr_array_index (rows, i));

  if (same)
    {
      for (guint i = 0; i < rows->len; i++)
        update_row (g_ptr_array_index (self->detail_rows, i), g_ptr_array_index (rows, i));
      return;
    }

  for (guint i = 0; i < self->detail_rows->len; i++)
    {
      GtkWidget *old = g_ptr_array_index (self->detail_rows, i);

      if (focus != NULL && (focus == old || gtk_widget_is_ancestor (focus, old)))
        {
          focused = old;
          target = g_ptr_array_index (rows, MIN (i, rows->len - 1));
          position = GTK_IS_EDITABLE (old) ? gtk_editable_get_position (GTK_EDITABLE (old)) : 0;
        }
    }

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      for (guint j = 0; j < self->detail_rows->len; j++)
        {
          GtkWidget *old = g_ptr_array_index (self->detail_rows, j);

          if (!same_row (old, row))
            continue;
          /* Unsaved typing carries over to the same field */
          if (same_record && ADW_IS_ENTRY_ROW (old) && is_edited (old))
            gtk_editable_set_text (GTK_EDITABLE (row), gtk_editable_get_text (GTK_EDITABLE (old)));
          if (old == focused)
            target = row;
        }
      /* A list entry that is gone: the field to add one */
      if (focused != NULL && target != NULL && !same_row (focused, target) && ADW_IS_ENTRY_ROW (row) &&
          GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "index")) < 0 &&
          g_strcmp0 (g_object_get_data (G_OBJECT (row), "member"), g_object_get_data (G_OBJECT (focused), "member")) == 0)
        target = row;
    }

  for (guint i = 0; i < self->detail_rows->len; i++)
    adw_preferences_group_remove (self->details_group, g_ptr_array_index (self->detail_rows, i));
  g_ptr_array_set_size (self->detail_rows, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      adw_preferences_group_add (self->details_group, g_ptr_array_index (rows, i));
      g_ptr_array_add (self->detail_rows, g_ptr_array_index (rows, i));
    }
  self->details_id = self->record_id;

  if (target != NULL)
    kith_widget_focus_without_selecting (target, position);
}

static const char *
label_of (JsonObject *entry,
          const char *fallback)
{
  if (entry == NULL)
    return fallback;
  if (json_object_get_boolean_member_with_default (entry, "work", FALSE))
    return _("Work");
  if (json_object_get_boolean_member_with_default (entry, "home", FALSE))
    return _("Home");
  if (json_object_get_boolean_member_with_default (entry, "mobile", FALSE))
    return _("Mobile");

  return fallback;
}

static void
add_list_rows (KithProfilePage *self,
               const char      *member,
               const char      *title,
               const char      *add_title)
{
  JsonArray *list = kith_json_get_array (self->record, member);

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *value = entry != NULL ? json_object_get_string_member (entry, "value") : json_node_get_string (element);
      const char *label = label_of (entry, NULL);
      g_autofree char *full = label != NULL ? g_strdup_printf ("%s (%s)", title, label) : g_strdup (title);

      add_entry_row (self, full, value, member, DETAIL_LIST, (int) i);
    }

  add_entry_row (self, add_title, NULL, member, DETAIL_LIST, -1);
}

static void
open_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_autoptr(GAppLaunchContext) context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (widget)));

  g_app_info_launch_default_for_uri_async (g_variant_get_string (parameter, NULL), context, NULL, NULL, NULL);
}

static void
build_details (KithProfilePage *self)
{
  const char *kind = json_object_get_string_member (self->record, "kind");
  JsonArray *addresses = kith_json_get_array (self->record, "addresses");
  JsonArray *links = kith_json_get_array (self->record, "appLinks");
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  self->new_rows = rows;

  add_entry_row (self, _("Name"), json_object_get_string_member (self->record, "name"), "name", DETAIL_SCALAR, 0);

  if (g_str_equal (kind, "person"))
    {
      add_entry_row (self, _("Headline"), json_object_get_string_member_with_default (self->record, "headline", NULL),
                     "headline", DETAIL_SCALAR, 0);
      add_entry_row (self, _("Company"), json_object_get_string_member_with_default (self->record, "company", NULL),
                     "company", DETAIL_SCALAR, 0);
      add_list_rows (self, "emails", _("Email"), _("Add Email"));
      add_list_rows (self, "phones", _("Phone"), _("Add Phone"));
      add_entry_row (self, _("Birthday (YYYY-MM-DD)"), json_object_get_string_member_with_default (self->record, "birthday", NULL),
                     "birthday", DETAIL_SCALAR, 0);
      {
        g_autofree char *cadence = json_object_has_member (self->record, "cadence")
                                   ? g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (self->record, "cadence"))
                                   : NULL;

        add_entry_row (self, _("Stay in Touch Every (Days; 0 Mutes, Empty Follows the Segment)"), cadence,
                       "cadence", DETAIL_SCALAR, 0);
      }
    }
  else if (g_str_equal (kind, "company"))
    {
      add_entry_row (self, _("Description"), json_object_get_string_member_with_default (self->record, "description", NULL),
                     "description", DETAIL_SCALAR, 0);
      add_list_rows (self, "domains", _("Domain"), _("Add Domain"));
      add_list_rows (self, "emails", _("Email"), _("Add Email"));
      add_list_rows (self, "phones", _("Phone"), _("Add Phone"));
    }
  else
    {
      g_autofree char *value = json_object_has_member (self->record, "value")
                               ? g_strdup_printf ("%.2f", json_object_get_double_member (self->record, "value")) : NULL;

      add_entry_row (self, _("Summary"), json_object_get_string_member_with_default (self->record, "summary", NULL),
                     "summary", DETAIL_SCALAR, 0);
      add_entry_row (self, _("Value"), value, "value", DETAIL_SCALAR, 0);
    }

  add_list_rows (self, "urls", _("Web Page"), _("Add Web Page"));
  if (!g_str_equal (kind, "project"))
    {
      add_entry_row (self, _("LinkedIn"), json_object_get_string_member_with_default (self->record, "linkedin", NULL),
                     "linkedin", DETAIL_SCALAR, 0);
      add_entry_row (self, _("Twitter"), json_object_get_string_member_with_default (self->record, "twitter", NULL),
                     "twitter", DETAIL_SCALAR, 0);
    }

  for (guint i = 0; addresses != NULL && i < json_array_get_length (addresses); i++)
    {
      JsonObject *a = json_array_get_object_element (addresses, i);
      g_autoptr(GString) text = g_string_new (NULL);
      static const char *parts[] = { "street", "city", "state", "postal", "country" };
      GtkWidget *row = adw_action_row_new ();

      for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
        if (json_object_has_member (a, parts[p]))
          g_string_append_printf (text, "%s%s", text->len ? ", " : "", json_object_get_string_member (a, parts[p]));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text->str);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), label_of (a, _("Address")));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("mark-location-symbolic"));
      g_ptr_array_add (rows, g_object_ref_sink (row));
    }

  for (guint i = 0; links != NULL && i < json_array_get_length (links); i++)
    {
      JsonObject *link = json_array_get_object_element (links, i);
      const char *url = json_object_get_string_member_with_default (link, "url", NULL);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("%s · %s",
                                                json_object_get_string_member_with_default (link, "label",
                                                  json_object_get_string_member (link, "source")),
                                                json_object_get_string_member (link, "uniqueid"));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("App link"));
      if (url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")))
        {
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "profile.open-uri");
          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (url));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("adw-external-link-symbolic"));
        }
      g_ptr_array_add (rows, g_object_ref_sink (row));
    }

  self->new_rows = NULL;
  show_details (self, rows);
}

static void
show_record (KithProfilePage *self)
{
  const char *name = json_object_get_string_member (self->record, "name");
  const char *headline = json_object_get_string_member_with_default (self->record, "headline",
                           json_object_get_string_member_with_default (self->record, "description",
                             json_object_get_string_member_with_default (self->record, "summary", NULL)));
  const char *company = json_object_get_string_member_with_default (self->record, "company", NULL);

  adw_window_title_set_title (self->window_title, name);
  adw_avatar_set_text (self->avatar, name);
  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->headline_label, headline != NULL ? headline : "");
  gtk_widget_set_visible (GTK_WIDGET (self->headline_label), headline != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->company_button), company != NULL);
  if (company != NULL)
    gtk_button_set_label (self->company_button, company);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.merge",
                                 !g_str_equal (json_object_get_string_member (self->record, "kind"), "project"));

  build_details (self);
  gtk_widget_set_visible (self->menu_button, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "profile");
}

static gpointer
load_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  return kith_store_get_record (store, *(gint64 *) data, error);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KithProfilePage) self = user_data;
  g_autoptr(GError) error = NULL;
  JsonObject *record = kith_store_run_finish (KITH_STORE (source), result, &error);

  if (record == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Gone (deleted elsewhere, merged away) */
      kith_profile_page_set_record (self, self->store, 0);
      return;
    }

  g_clear_pointer (&self->record, json_object_unref);
  self->record = record;
  show_record (self);
}

static void
reload (KithProfilePage *self)
{
  if (self->store == NULL || self->record_id == 0)
    return;

  kith_store_run_async (self->store, load_job, g_memdup2 (&self->record_id, sizeof (gint64)), g_free,
                        (GDestroyNotify) json_object_unref, self->cancellable, on_loaded_cb, g_object_ref (self));
}

/* Actions */

/* Undo of a delete or merge. The toast carries what its Undo button undoes, so that each toast
 * still on screen undoes its own change; once a toast goes without Undo, the change is final. */

typedef struct {
  KithProfilePage *self;
  gint64           undo_id;
  gint64           open_id;   /* the record to show once undone */
  gboolean         undone;
} Undo;

static void
undo_free (Undo *undo)
{
  g_clear_object (&undo->self);
  g_free (undo);
}

static gpointer
undo_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  return GINT_TO_POINTER (kith_store_undo (store, *(gint64 *) data, error));
}

static gpointer
forget_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  return GINT_TO_POINTER (kith_store_forget_undo (store, *(gint64 *) data, error));
}

static void
on_undone_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Undo *undo = user_data;
  g_autoptr(GError) error = NULL;

  if (!kith_store_run_finish (KITH_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        kith_widget_show_error (GTK_WIDGET (undo->self), error->message);
    }
  else
    g_signal_emit (undo->self, signals[OPEN_RECORD], 0, undo->open_id);

  undo_free (undo);
}

static void
on_undo_clicked_cb (AdwToast *t,
                    Undo     *undo)
{
  KithProfilePage *self = undo->self;
  Undo *running;

  undo->undone = TRUE;
  running = g_memdup2 (undo, sizeof *undo);
  g_object_ref (running->self);
  /* A write the user asked for completes, whatever happens to the page meanwhile */
  kith_store_run_async (self->store, undo_job, g_memdup2 (&undo->undo_id, sizeof (gint64)), g_free, NULL,
                        NULL, on_undone_cb, running);
}

static void
on_undo_dismissed_cb (AdwToast *t,
                      Undo     *undo)
{
  if (!undo->undone && undo->self->store != NULL)
    kith_store_run_async (undo->self->store, forget_job, g_memdup2 (&undo->undo_id, sizeof (gint64)), g_free,
                          NULL, NULL, NULL, NULL);
}

static void
offer_undo (KithProfilePage *self,
            const char      *text,
            gint64           undo_id,
            gint64           open_id)
{
  AdwToast *t = adw_toast_new (text);
  Undo *undo = g_new0 (Undo, 1);

  undo->self = g_object_ref (self);
  undo->undo_id = undo_id;
  undo->open_id = open_id;
  adw_toast_set_button_label (t, _("_Undo"));
  g_object_set_data_full (G_OBJECT (t), "kith-undo", undo, (GDestroyNotify) undo_free);
  g_signal_connect (t, "button-clicked", G_CALLBACK (on_undo_clicked_cb), undo);
  g_signal_connect (t, "dismissed", G_CALLBACK (on_undo_dismissed_cb), undo);
  toast (self, t);
}

static gpointer
delete_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  gint64 undo_id = kith_store_delete_record_with_undo (store, *(gint64 *) data, error);

  return undo_id != 0 ? g_memdup2 (&undo_id, sizeof undo_id) : NULL;
}

typedef struct {
  KithProfilePage *self;
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
  g_autofree char *name = deleting->name;
  gint64 id = deleting->id;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *undo_id = kith_store_run_finish (KITH_STORE (source), result, &error);
  g_autofree char *text = NULL;

  g_free (deleting);

  if (undo_id == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_text (self, error->message);
      return;
    }

  text = g_strdup_printf (_("“%s” deleted"), name);
  offer_undo (self, text, *undo_id, id);

  g_signal_emit (self, signals[DELETED], 0);
  if (self->record_id == id)
    kith_profile_page_set_record (self, self->store, 0);
}

/**
 * kith_profile_page_delete:
 *
 * Deletes the record shown, with an Undo toast.
 */
void
kith_profile_page_delete (KithProfilePage *self)
{
  Deleting *deleting;

  g_return_if_fail (KITH_IS_PROFILE_PAGE (self));

  if (self->record == NULL)
    return;

  deleting = g_new0 (Deleting, 1);
  deleting->self = g_object_ref (self);
  deleting->id = self->record_id;
  deleting->name = g_strdup (json_object_get_string_member (self->record, "name"));
  kith_store_run_async (self->store, delete_job, g_memdup2 (&self->record_id, sizeof (gint64)), g_free, g_free,
                        NULL, on_deleted_cb, deleting);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  kith_profile_page_delete (KITH_PROFILE_PAGE (widget));
}

static void
private_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KithProfilePage *self = KITH_PROFILE_PAGE (widget);
  JsonObject *patch = json_object_new ();
  gboolean private = json_object_get_boolean_member_with_default (self->record, "private", FALSE);

  json_object_set_boolean_member (patch, "private", !private);
  save_patch (self, patch, NULL);
  toast_text (self, private ? _("No longer private") : _("Marked private"));
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

static void
open_company_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KithProfilePage *self = KITH_PROFILE_PAGE (widget);

  if (self->record != NULL && json_object_has_member (self->record, "companyId"))
    g_signal_emit (self, signals[OPEN_RECORD], 0, json_object_get_int_member (self->record, "companyId"));
}

/* Merge: pick the other record among likely duplicates, choose which one stays */

typedef struct {
  KithProfilePage *self;
  gint64           survivor;
  gint64           other;
  gint64           shown;     /* the record shown before: Undo goes back to it */
} Merge;

static gpointer
merge_job (KithStore  *store,
           gpointer    data,
           GError    **error)
{
  Merge *merge = data;
  gint64 undo_id = kith_store_merge_records_with_undo (store, merge->survivor, merge->other, error);

  return undo_id != 0 ? g_memdup2 (&undo_id, sizeof undo_id) : NULL;
}

static void
on_merged_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autofree Merge *merge = user_data;
  g_autoptr(KithProfilePage) self = merge->self;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *undo_id = kith_store_run_finish (KITH_STORE (source), result, &error);

  if (undo_id == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_text (self, error->message);
      return;
    }

  offer_undo (self, _("Merged"), *undo_id, merge->shown);
  g_signal_emit (self, signals[OPEN_RECORD], 0, merge->survivor);
}

/**
 * kith_profile_page_merge:
 * @other: the record to merge with the one shown
 * @keep_other: whether @other's values win and it stays
 */
void
kith_profile_page_merge (KithProfilePage *self,
                         gint64           other,
                         gboolean         keep_other)
{
  Merge *merge;

  g_return_if_fail (KITH_IS_PROFILE_PAGE (self));

  merge = g_new0 (Merge, 1);
  merge->survivor = keep_other ? other : self->record_id;
  merge->other = keep_other ? self->record_id : other;
  merge->shown = self->record_id;
  kith_store_run_async (self->store, merge_job, g_memdup2 (merge, sizeof *merge), g_free, g_free, NULL,
                        on_merged_cb, merge);
  merge->self = g_object_ref (self);
}

static void
on_merge_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      KithProfilePage  *self)
{
  GtkDropDown *choices = g_object_get_data (G_OBJECT (dialog), "choices");
  GArray *ids = g_object_get_data (G_OBJECT (dialog), "ids");
  guint selected = gtk_drop_down_get_selected (choices);

  if (g_str_equal (response, "cancel") || ids == NULL || selected >= ids->len)
    return;

  kith_profile_page_merge (self, g_array_index (ids, gint64, selected), g_str_equal (response, "keep-other"));
}

static gpointer
candidates_job (KithStore  *store,
                gpointer    data,
                GError    **error)
{
  g_autoptr(GArray) ids = kith_store_find_merge_candidates (store, *(gint64 *) data, error);

  return ids != NULL ? kith_store_get_rows (store, (const gint64 *) (gpointer) ids->data, ids->len) : NULL;
}

static void
on_candidates_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KithProfilePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = kith_store_run_finish (KITH_STORE (source), result, &error);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GArray *ids;
  GtkStringList *names;
  GtkWidget *dialog;
  GtkWidget *choices;

  if (rows == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_text (self, error->message);
      return;
    }

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  names = gtk_string_list_new (NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      KithRecordRow *row = g_ptr_array_index (rows, i);
      g_autofree char *label = NULL;

      if (row == NULL)
        continue;
      label = row->headline || row->company ? g_strdup_printf ("%s — %s", row->name, row->headline ? row->headline : row->company)
                                            : g_strdup (row->name);
      gtk_string_list_append (names, label);
      g_array_append_val (ids, row->id);
    }

  if (ids->len == 0)
    {
      g_array_unref (ids);
      g_object_unref (names);
      toast_text (self, _("No other record with the same name, phone number or handle to merge with"));
      return;
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Merge Records?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Everything of the chosen record — emails, phones, tags, custom fields, timeline, "
                                    "to-dos and files — moves to the one that stays. Where both have a value, the "
                                    "one that stays keeps its own."));
  choices = gtk_drop_down_new (G_LIST_MODEL (names), NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), choices);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "keep-other", _("Keep _Chosen"),
                                    "keep-this", _("_Keep This One"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "keep-this", ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "choices", choices);
  g_object_set_data_full (G_OBJECT (dialog), "ids", ids, (GDestroyNotify) g_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_merge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KithProfilePage *self = KITH_PROFILE_PAGE (widget);

  /* Candidates are likely duplicates: the same full name, or a shared phone or handle */
  kith_store_run_async (self->store, candidates_job, g_memdup2 (&self->record_id, sizeof (gint64)), g_free,
                        (GDestroyNotify) g_ptr_array_unref, self->cancellable, on_candidates_cb, g_object_ref (self));
}

static void
on_editor_changed_cb (KithProfilePage *self)
{
  kith_timeline_view_set_record (self->timeline, self->store, self->record_id);
}

static void
kith_profile_page_dispose (GObject *object)
{
  KithProfilePage *self = (KithProfilePage *)object;

  g_cancellable_cancel (self->cancellable);
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
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->record, json_object_unref);
  g_clear_pointer (&self->detail_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (kith_profile_page_parent_class)->finalize (object);
}

static void
kith_profile_page_class_init (KithProfilePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_profile_page_dispose;
  object_class->finalize = kith_profile_page_finalize;

  /**
   * KithProfilePage::open-record:
   * @id: a record to show instead (a company, a restored record)
   */
  signals[OPEN_RECORD] = g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-profile-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, box);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, window_title);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, stack);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, content);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, avatar);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, name_label);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, headline_label);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, company_button);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, details_group);

  gtk_widget_class_install_action (widget_class, "profile.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "profile.private", NULL, private_action);
  gtk_widget_class_install_action (widget_class, "profile.add-todo", NULL, add_todo_action);
  gtk_widget_class_install_action (widget_class, "profile.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "profile.open-company", NULL, open_company_action);
  gtk_widget_class_install_action (widget_class, "profile.open-uri", "s", open_uri_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK, "profile.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "profile.add-todo", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kith_profile_page_init (KithProfilePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->detail_rows = g_ptr_array_new ();

  self->relationship = KITH_RELATIONSHIP_EDITOR (kith_relationship_editor_new ());
  self->timeline = KITH_TIMELINE_VIEW (kith_timeline_view_new ());
  self->files = KITH_FILES_GROUP (kith_files_group_new ());
  gtk_box_append (GTK_BOX (self->content), GTK_WIDGET (self->relationship));
  gtk_box_append (GTK_BOX (self->content), GTK_WIDGET (self->timeline));
  gtk_box_append (GTK_BOX (self->content), GTK_WIDGET (self->files));
  g_signal_connect_object (self->relationship, "changed", G_CALLBACK (on_editor_changed_cb), self, G_CONNECT_SWAPPED);

  /* A drop anywhere on the profile attaches files */
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (kith_files_group_create_drop_target (self->files)));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.delete", FALSE);
}

GtkWidget *
kith_profile_page_new (void)
{
  return g_object_new (KITH_TYPE_PROFILE_PAGE, NULL);
}

/**
 * kith_profile_page_set_record:
 * @record_id: the record to show, or 0 for none
 */
void
kith_profile_page_set_record (KithProfilePage *self,
                              KithStore       *store,
                              gint64           record_id)
{
  g_return_if_fail (KITH_IS_PROFILE_PAGE (self));

  g_set_object (&self->store, store);
  self->record_id = record_id;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.delete", record_id != 0);

  if (record_id == 0)
    {
      g_clear_pointer (&self->record, json_object_unref);
      adw_window_title_set_title (self->window_title, "");
      gtk_widget_set_visible (self->menu_button, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  reload (self);
  kith_relationship_editor_set_record (self->relationship, store, record_id);
  kith_timeline_view_set_record (self->timeline, store, record_id);
  kith_files_group_set_record (self->files, store, record_id);
}

gint64
kith_profile_page_get_record_id (KithProfilePage *self)
{
  g_return_val_if_fail (KITH_IS_PROFILE_PAGE (self), 0);

  return self->record_id;
}

/**
 * kith_profile_page_get_record:
 *
 * Returns: (transfer none) (nullable): the record shown, as last loaded
 */
JsonObject *
kith_profile_page_get_record (KithProfilePage *self)
{
  g_return_val_if_fail (KITH_IS_PROFILE_PAGE (self), NULL);

  return self->record;
}

void
kith_profile_page_set_show_back (KithProfilePage *self,
                                 gboolean         show)
{
  g_return_if_fail (KITH_IS_PROFILE_PAGE (self));

  gtk_widget_set_visible (self->back_button, show);
}

KithRelationshipEditor *
kith_profile_page_get_relationship (KithProfilePage *self)
{
  return self->relationship;
}

KithTimelineView *
kith_profile_page_get_timeline (KithProfilePage *self)
{
  return self->timeline;
}

KithFilesGroup *
kith_profile_page_get_files (KithProfilePage *self)
{
  return self->files;
}
