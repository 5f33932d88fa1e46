/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithWindow"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kith-agenda-page.h"
#include "kith-application.h"
#include "kith-export-dialog.h"
#include "kith-import-chooser.h"
#include "kith-import-dialog.h"
#include "kith-inbox-page.h"
#include "kith-kind-names.h"
#include "kith-list-page.h"
#include "merge/kith-merge-page.h"
#include "kith-mail-merge-dialog.h"
#include "kith-new-record-dialog.h"
#include "kith-outgoing-page.h"
#include "kith-profile-page.h"
#include "kith-view.h"
#include "kith-view-name-dialog.h"
#include "kith-view-row.h"
#include "kith-window.h"

/*
 * The main window: a sidebar (Agenda, Inbox, People, Companies, Deals or Properties as the preset
 * calls them, the Outbox while it holds something, Mail Merges while one runs or is paused,
 * Drafts, saved views), the page in the middle,
 * and the profile on the right; on a narrow window one at a time. Alt+1 … Alt+5 go to the first
 * five pages in the sidebar's order.
 */

struct _KithWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  GtkWidget            *deals_row;
  GtkListBox           *views_list;
  GtkStack             *content_stack;
  KithProfilePage      *profile_page;

  KithStore            *store;
  KithStore            *reader;
  GSettings            *settings;
  KithAgendaPage       *agenda;
  KithInboxPage        *inbox;
  GtkLabel             *inbox_count;
  KithListPage         *lists[3];
  GtkLabel             *agenda_count;
  KithOutgoingPage     *outbox;
  GtkWidget            *outbox_row;
  GtkLabel             *outbox_count;
  KithMergePage        *merges;
  GtkWidget            *merges_row;
  GtkProgressBar       *merges_progress;
  GtkLabel             *merges_percent;
  KithOutgoingPage     *drafts;
  GtkLabel             *drafts_count;
  KithMailService      *mail;         /* for the Inbox, once it is built */
  GMenu                *new_section;   /* of the main menu: New Person, Company, Deal */
  KithKindNames        *names;
  GListModel           *views;        /* KithView */
  GCancellable         *cancellable;
  gulong                first_paint_id;   /* on the frame clock, until the other pages load */
  gint64                first_frame_time; /* of the page opened on, with its answer */
  guint                 rest_id;
  guint                 build_id;     /* building the pages not shown yet, one at a time */
  guint                 next_built;   /* of page_names, the one it builds next */
  gboolean              pages_loaded;
  gboolean              overlay_named;  /* the shortcuts window's deals named as the sidebar's */
};

G_DEFINE_FINAL_TYPE (KithWindow, kith_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_NAMES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *list_names[] = { "people", "companies", "projects" };

static void load_views (KithWindow *self);
static void kith_window_constructed (GObject *object);
static GtkWidget *ensure_page (KithWindow *self, const char *name);

static void
show_profile (KithWindow *self,
              gint64      id)
{
  kith_profile_page_set_record (self->profile_page, self->store, id);
  if (id != 0)
    adw_leaflet_set_visible_child_name (self->leaflet, "profile");
}

static void
on_record_activated_cb (KithListPage *page,
                        gint64        id,
                        KithWindow   *self)
{
  show_profile (self, id);
}

/* A record named in another record's profile, the Agenda or the Inbox. The profile reads it
 * on the worker; nothing here needs to know its kind. */
static void
on_open_record_cb (GObject    *source,
                   gint64      id,
                   KithWindow *self)
{
  show_profile (self, id);
}

/* The list of the record shown highlights it, wherever it opened from: after a merge the
 * record kept, after Undo the one back */
static void
on_profile_record_cb (KithProfilePage *profile,
                      GParamSpec      *pspec,
                      KithWindow      *self)
{
  KithRecord *record = kith_profile_page_get_record (profile);

  if (record != NULL && self->lists[kith_record_get_kind (record)] != NULL)
    kith_list_page_select_record (self->lists[kith_record_get_kind (record)], kith_record_get_id (record));
}

/* The record shown is gone: its list has nothing to show until the user picks again */
static void
on_profile_deleted_cb (KithProfilePage *profile,
                       KithWindow      *self)
{
  KithRecord *record = kith_profile_page_get_record (profile);

  if (record != NULL && self->lists[kith_record_get_kind (record)] != NULL)
    kith_list_page_select_record (self->lists[kith_record_get_kind (record)], 0);
}

/* Each list keeps its own selection: the profile beside it is that one's, or nobody's */
static void
show_list_selection (KithWindow *self,
                     const char *name)
{
  for (guint kind = 0; kind < G_N_ELEMENTS (list_names); kind++)
    if (g_str_equal (name, list_names[kind]))
      {
        kith_profile_page_set_list_kind (self->profile_page, kind);
        kith_profile_page_set_record (self->profile_page, self->store,
                                      kith_list_page_get_selected_record (self->lists[kind]));
      }
}

/* A page's count beside its name in the sidebar; none when there is nothing */
static void
show_count (GtkLabel *label,
            guint     count)
{
  g_autofree char *text = count > 0 ? g_strdup_printf ("%u", count) : g_strdup ("");

  gtk_label_set_text (label, text);
}

static void
on_agenda_count_cb (KithAgendaPage *page,
                    GParamSpec     *pspec,
                    KithWindow     *self)
{
  show_count (self->agenda_count, kith_agenda_page_get_count (page));
}

/* The sender of the message read in the Inbox, beside it; on a narrow window the Inbox stays */
static void
on_inbox_record_selected_cb (KithInboxPage *page,
                             gint64         id,
                             KithWindow    *self)
{
  if (id != 0)
    kith_profile_page_set_record (self->profile_page, self->store, id);
}

static void
on_inbox_count_cb (KithInboxPage *page,
                   GParamSpec    *pspec,
                   KithWindow    *self)
{
  show_count (self->inbox_count, kith_inbox_page_get_count (page));
}

/* The Outbox is in the sidebar only while it holds a message; Drafts always */
static void
on_outgoing_count_cb (KithOutgoingPage *page,
                      GParamSpec       *pspec,
                      KithWindow       *self)
{
  guint count = kith_outgoing_page_get_count (page);

  show_count (page == self->outbox ? self->outbox_count : self->drafts_count, count);
  if (page == self->outbox)
    gtk_widget_set_visible (self->outbox_row, count > 0);
}

/* Mail Merges is in the sidebar only while a merge runs or is paused, with how much is done */
static void
on_merges_progress_cb (KithMergePage *page,
                       GParamSpec    *pspec,
                       KithWindow    *self)
{
  double fraction = kith_merge_page_get_fraction (page);
  /* Translators: how much of the mail merges is done, beside them in the sidebar */
  g_autofree char *percent = g_strdup_printf (_("%d%%"), (int) (fraction * 100));

  gtk_widget_set_visible (self->merges_row, kith_merge_page_get_busy (page));
  gtk_progress_bar_set_fraction (self->merges_progress, fraction);
  gtk_label_set_text (self->merges_percent, percent);
}

/* A draft from the Outbox or Drafts, in the composer */
static void
on_outgoing_edit_cb (KithOutgoingPage *page,
                     KithOutgoing     *draft,
                     KithWindow       *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (application != NULL)
    kith_application_compose (KITH_APPLICATION (application), draft);
}

static void select_view (KithWindow *self, gint64 id);

/**
 * kith_window_show_page:
 * @name: "agenda", "inbox", "people", "companies", "projects", "outbox", "merges", "drafts" or
 *   "view-<id>"
 */
void
kith_window_show_page (KithWindow *self,
                       const char *name)
{
  GtkWidget *row;

  g_return_if_fail (KITH_IS_WINDOW (self));

  if (g_str_has_prefix (name, "view-"))
    {
      select_view (self, g_ascii_strtoll (name + strlen ("view-"), NULL, 10));
      return;
    }

  for (row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list)); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), name) == 0)
      {
        gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
        break;
      }
}

static void
only_selected_focusable (GtkListBox *list)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      gtk_widget_set_can_focus (row, gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (row)));
}

/* A list box selects the row the keyboard moves to, and Tab moves it row by row: Tab out of
 * the sidebar went down its pages, switching each time. Only the page chosen takes the
 * keyboard, so Tab goes on to the page and Shift+Tab comes back to it; the arrows still move
 * the choice (the list's own keys, which select first and focus after). */
static void
sync_sidebar_focus (KithWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkListBoxRow *chosen;

  /* Rows are unselected as the window goes too */
  if (self->sidebar_list == NULL || self->views_list == NULL)
    return;

  chosen = gtk_list_box_get_selected_row (self->sidebar_list);
  only_selected_focusable (self->sidebar_list);
  only_selected_focusable (self->views_list);

  if (chosen == NULL)
    chosen = gtk_list_box_get_selected_row (self->views_list);
  if (chosen != NULL && focus != NULL && GTK_IS_LIST_BOX_ROW (focus) &&
      (gtk_widget_get_parent (focus) == GTK_WIDGET (self->sidebar_list) ||
       gtk_widget_get_parent (focus) == GTK_WIDGET (self->views_list)))
    gtk_widget_grab_focus (GTK_WIDGET (chosen));
}

static void
on_sidebar_selected_cb (GtkListBox    *list,
                        GtkListBoxRow *row,
                        KithWindow    *self)
{
  sync_sidebar_focus (self);
  if (row == NULL)
    return;

  gtk_list_box_unselect_all (self->views_list);
  sync_sidebar_focus (self);
  ensure_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
  gtk_stack_set_visible_child_name (self->content_stack, gtk_widget_get_name (GTK_WIDGET (row)));
  show_list_selection (self, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
on_view_selected_cb (GtkListBox    *list,
                     GtkListBoxRow *row,
                     KithWindow    *self)
{
  KithView *view;
  KithRecordKind kind;

  sync_sidebar_focus (self);
  if (row == NULL)
    return;

  view = kith_view_row_get_view (KITH_VIEW_ROW (row));
  kind = kith_view_get_kind (view);
  gtk_list_box_unselect_all (self->sidebar_list);
  sync_sidebar_focus (self);
  ensure_page (self, list_names[kind]);
  gtk_stack_set_visible_child_name (self->content_stack, list_names[kind]);
  show_list_selection (self, list_names[kind]);
  kith_list_page_set_query (self->lists[kind], kith_view_get_query (view));
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

/* A page's back button, to the sidebar, shows on a folded window */
static void
page_show_back (GtkWidget *page,
                gboolean   folded)
{
  if (KITH_IS_LIST_PAGE (page))
    kith_list_page_set_show_back (KITH_LIST_PAGE (page), folded);
  else if (KITH_IS_AGENDA_PAGE (page))
    kith_agenda_page_set_show_back (KITH_AGENDA_PAGE (page), folded);
  else if (KITH_IS_INBOX_PAGE (page))
    kith_inbox_page_set_show_back (KITH_INBOX_PAGE (page), folded);
  else if (KITH_IS_OUTGOING_PAGE (page))
    kith_outgoing_page_set_show_back (KITH_OUTGOING_PAGE (page), folded);
  else if (KITH_IS_MERGE_PAGE (page))
    kith_merge_page_set_show_back (KITH_MERGE_PAGE (page), folded);
}

static void
on_folded_cb (AdwLeaflet *leaflet,
              GParamSpec *pspec,
              KithWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (leaflet);

  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->content_stack)); page != NULL; page = gtk_widget_get_next_sibling (page))
    page_show_back (page, folded);
  kith_profile_page_set_show_back (self->profile_page, folded);
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KithWindow *self = KITH_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
show_content_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KithWindow *self = KITH_WINDOW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

/* New records */

static void
on_record_created_cb (KithNewRecordDialog *dialog,
                      KithRecordKind       kind,
                      gint64               id,
                      KithWindow          *self)
{
  kith_window_show_page (self, list_names[kind]);
  show_profile (self, id);
}

static void
new_record_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KithWindow *self = KITH_WINDOW (widget);
  KithRecordKind kind = kith_record_kind_from_string (g_variant_get_string (parameter, NULL));
  GtkWidget *dialog;

  if (kind == KITH_RECORD_KIND_INVALID)
    return;

  dialog = kith_new_record_dialog_new (GTK_WINDOW (self), self->store, self->names, kind);
  g_signal_connect_object (dialog, "created", G_CALLBACK (on_record_created_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The kind of record the page shown lists; the Agenda and the Inbox list people */
static KithRecordKind
current_kind (KithWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->content_stack);

  for (guint kind = 0; kind < G_N_ELEMENTS (self->lists); kind++)
    if (page == GTK_WIDGET (self->lists[kind]))
      return kind;

  return KITH_RECORD_PERSON;
}

/* Ctrl+N, wherever the keyboard is: a new record of the kind listed beside it */
static void
add_record_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KithWindow *self = KITH_WINDOW (widget);

  gtk_widget_activate_action (widget, "win.new-record", "s", kith_record_kind_to_string (current_kind (self)));
}

/* Ctrl+F, wherever the keyboard is: the search of the list shown. The Agenda and the Inbox have
 * none; what a user looks for from them is someone, so People opens with its search. */
static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithWindow *self = KITH_WINDOW (widget);
  KithRecordKind kind = current_kind (self);

  /* A list shown, saved view or not, stays */
  if (gtk_stack_get_visible_child (self->content_stack) != GTK_WIDGET (self->lists[kind]))
    kith_window_show_page (self, list_names[kind]);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  gtk_widget_activate_action (ensure_page (self, list_names[kind]), "list.focus-search", NULL);
}

/* Ctrl+T and Ctrl+Shift+N, wherever the keyboard is: a to-do about the record shown, or else one
 * on the Agenda */
static void
add_todo_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KithWindow *self = KITH_WINDOW (widget);

  if (kith_profile_page_get_record (self->profile_page) != NULL &&
      gtk_widget_get_mapped (GTK_WIDGET (self->profile_page)))
    gtk_widget_activate_action (GTK_WIDGET (self->profile_page), "profile.add-todo", NULL);
  else
    gtk_widget_activate_action (ensure_page (self, "agenda"), "agenda.add-todo", NULL);
}

static void
go_action (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  kith_window_show_page (KITH_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
views_changed_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  load_views (KITH_WINDOW (widget));
}

/* Files in and out */

/* What an import or export did, from its dialog */
static void
on_transfer_finished_cb (GtkWindow  *dialog,
                         const char *summary,
                         KithWindow *self)
{
  g_autofree char *escaped = g_markup_escape_text (summary, -1);

  kith_window_add_toast (self, adw_toast_new (escaped));
}

/* File → Import…: a file chosen, then as dropped */
static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  kith_import_chooser_show (widget);
}

/* File → Export…: the records of the list shown to start with */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithWindow *self = KITH_WINDOW (widget);
  GtkWidget *dialog = kith_export_dialog_new (GTK_WINDOW (self), self->store, self->names, current_kind (self));

  g_signal_connect_object (dialog, "finished", G_CALLBACK (on_transfer_finished_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A file to import, by URI, and what a CSV file's rows are: from the chooser, or dropped on a
 * list */
static void
import_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KithWindow *self = KITH_WINDOW (widget);
  g_autoptr(GFile) file = NULL;
  const char *uri;
  GtkWidget *dialog;
  int kind;

  g_variant_get (parameter, "(&si)", &uri, &kind);
  if (kind < KITH_RECORD_PERSON || kind > KITH_RECORD_PROJECT)
    return;

  file = g_file_new_for_uri (uri);
  dialog = kith_import_dialog_new (GTK_WINDOW (self), self->store, file, kind);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (on_transfer_finished_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Saved views in the sidebar */

static KithView *
find_view (KithWindow *self,
           gint64      id,
           guint      *out_position)
{
  for (guint i = 0; self->views != NULL && i < g_list_model_get_n_items (self->views); i++)
    {
      g_autoptr(KithView) view = g_list_model_get_item (self->views, i);

      if (kith_view_get_id (view) == id)
        {
          if (out_position != NULL)
            *out_position = i;
          return g_steal_pointer (&view);
        }
    }

  return NULL;
}

static void
select_view (KithWindow *self,
             gint64      id)
{
  guint position;
  g_autoptr(KithView) view = find_view (self, id, &position);

  if (view != NULL)
    gtk_list_box_select_row (self->views_list, gtk_list_box_get_row_at_index (self->views_list, position));
}

/* A write finished: it completes even when the window went meanwhile, which then shows nothing */
static void
on_view_written_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(KithWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kith_view_write_finish (KITH_STORE (source), result, &error) && !g_cancellable_is_cancelled (self->cancellable))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  if (!g_cancellable_is_cancelled (self->cancellable))
    load_views (self);
}

static void
remove_view_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KithWindow *self = KITH_WINDOW (widget);
  g_autoptr(KithView) view = find_view (self, g_variant_get_int64 (parameter), NULL);

  if (view != NULL)
    kith_view_delete_async (view, self->store, on_view_written_cb, g_object_ref (self));
}

/* The dialog is over the window; @view is the one renamed */
static void
on_rename_view_response_cb (KithViewNameDialog *dialog,
                            const char         *response,
                            KithView           *view)
{
  KithWindow *self = KITH_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  g_autofree char *name = NULL;

  if (!g_str_equal (response, "confirm"))
    return;

  name = kith_view_name_dialog_dup_name (dialog);
  kith_view_rename_async (view, self->store, name, on_view_written_cb, g_object_ref (self));
}

static void
rename_view_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KithWindow *self = KITH_WINDOW (widget);
  g_autoptr(KithView) view = find_view (self, g_variant_get_int64 (parameter), NULL);
  GtkWidget *dialog;

  if (view == NULL)
    return;

  dialog = kith_view_name_dialog_new (GTK_WINDOW (self), _("Rename View"), NULL, _("_Rename"), kith_view_get_name (view));
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_rename_view_response_cb), g_steal_pointer (&view),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
create_view_row (gpointer item,
                 gpointer user_data)
{
  return kith_view_row_new (item);
}

static void
on_views_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(KithWindow) self = user_data;
  g_autoptr(GListModel) views = kith_view_list_finish (KITH_STORE (source), result, NULL);

  if (views == NULL)
    return;

  g_set_object (&self->views, views);
  gtk_list_box_bind_model (self->views_list, views, create_view_row, NULL, NULL);
  sync_sidebar_focus (self);
}

static void
load_views (KithWindow *self)
{
  kith_view_list_async (self->store, self->cancellable, on_views_loaded_cb, g_object_ref (self));
}

/* The main menu's New item for deals says what the preset calls them: a menu model's items
 * cannot change, so the item is replaced */
static void
name_new_deal_item (KithWindow *self)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (kith_kind_names_get (self->names, KITH_RECORD_PROJECT,
                                                                    KITH_KIND_WORD_NEW_ITEM), NULL);

  g_menu_item_set_action_and_target (item, "win.new-record", "s", "project");
  g_menu_remove (self->new_section, KITH_RECORD_PROJECT);
  g_menu_insert_item (self->new_section, KITH_RECORD_PROJECT, item);
}

/* A list box row has no name of its own in GTK 4.8: a screen reader hears the one given */
static void
name_deals_row (KithWindow *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->deals_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kith_kind_names_get_deals (self->names), -1);
}

static void
on_names_changed_cb (KithKindNames *names,
                     GParamSpec    *pspec,
                     KithWindow    *self)
{
  name_new_deal_item (self);
  name_deals_row (self);
}

/* Binds the title of every shortcut to the deals' page in @root to the kind names: the one
 * its section shows and the copy GtkShortcutsWindow made of it for its search */
static void
name_deals_shortcuts (KithWindow *self,
                      GtkWidget  *root)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (root))
    {
      g_autofree char *accelerator = NULL;

      g_object_get (root, "accelerator", &accelerator, NULL);
      if (g_strcmp0 (accelerator, "<Alt>5") == 0)
        g_object_bind_property (self->names, "deals", root, "title", G_BINDING_SYNC_CREATE);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    name_deals_shortcuts (self, child);
}

/* The shortcuts window GtkApplication loads from gtk/help-overlay.ui names the deals' page as
 * the sidebar does */
static void
name_help_overlay (KithWindow *self)
{
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));

  if (overlay != NULL && !self->overlay_named)
    {
      name_deals_shortcuts (self, GTK_WIDGET (overlay));
      self->overlay_named = TRUE;
    }
}

/* GtkApplication gives the window its shortcuts window when the window is added to it, which is
 * after the window is constructed */
static void
on_application_changed_cb (KithWindow *self,
                           GParamSpec *pspec,
                           gpointer    user_data)
{
  name_help_overlay (self);
}

/* Start-up. The page the window opens on reads at once; the other pages (Companies' and Deals'
 * searches, the Agenda) once the first frame showing that page's answer is drawn and the window
 * is at rest: no frame for REST_MS, or REST_LATEST_MS after that first frame whatever happens
 * (after bench/gui's jump the window drew frames for more than half a second). Read at
 * once, they took the two cores the first frame needed: with 100,000 people the Agenda alone
 * keeps the store's worker busy for a fifth of a second. Read right after the first frame,
 * they took them from the frames after it, a scroll at once (bench/gui's jump) and its rows.
 * Later than that, the Agenda's count in the sidebar comes later too. Each page also starts its
 * reads when it is first shown, should the user get there before. */
#define REST_MS 50
#define REST_LATEST_MS 200

static gboolean
page_loaded (GtkWidget *page)
{
  if (KITH_IS_LIST_PAGE (page))
    return kith_list_page_get_loaded (KITH_LIST_PAGE (page));
  if (KITH_IS_AGENDA_PAGE (page))
    return kith_agenda_page_get_loaded (KITH_AGENDA_PAGE (page));

  return TRUE;
}

static void
load_page (GtkWidget *page)
{
  if (KITH_IS_LIST_PAGE (page))
    kith_list_page_load (KITH_LIST_PAGE (page));
  else if (KITH_IS_AGENDA_PAGE (page))
    kith_agenda_page_load (KITH_AGENDA_PAGE (page));
}

/* The pages in the order they are built in once the window is at rest: first those that count
 * something in the sidebar, or show there only while they hold something */
static const char *page_names[] = { "agenda", "inbox", "outbox", "drafts", "merges", "people", "companies", "projects" };

/* One page not built yet, each time the main loop has nothing else to do: together they took
 * 20 ms of the main thread (bench/gui at 100,000 people), a frame missed had they been built at
 * once */
static gboolean
on_build_page_cb (gpointer data)
{
  KithWindow *self = data;

  while (self->next_built < G_N_ELEMENTS (page_names))
    {
      const char *name = page_names[self->next_built++];

      if (gtk_stack_get_child_by_name (self->content_stack, name) == NULL)
        {
          ensure_page (self, name);
          return G_SOURCE_CONTINUE;
        }
    }

  self->build_id = 0;
  return G_SOURCE_REMOVE;
}

static void
load_other_pages (KithWindow *self)
{
  g_clear_handle_id (&self->rest_id, g_source_remove);
  if (self->first_paint_id != 0)
    g_clear_signal_handler (&self->first_paint_id, gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->pages_loaded = TRUE;

  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->content_stack)); page != NULL; page = gtk_widget_get_next_sibling (page))
    load_page (page);
  if (self->build_id == 0)
    self->build_id = g_idle_add_full (G_PRIORITY_LOW, on_build_page_cb, self, NULL);
}

static gboolean
on_rest_cb (gpointer data)
{
  KithWindow *self = data;

  self->rest_id = 0;
  load_other_pages (self);

  return G_SOURCE_REMOVE;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   KithWindow    *self)
{
  gint64 now = g_get_monotonic_time ();

  if (self->first_frame_time == 0)
    {
      if (!page_loaded (gtk_stack_get_visible_child (self->content_stack)))
        return;
      self->first_frame_time = now;
    }

  if (now - self->first_frame_time >= REST_LATEST_MS * 1000)
    {
      load_other_pages (self);
      return;
    }

  /* Another frame: the window is not at rest yet */
  g_clear_handle_id (&self->rest_id, g_source_remove);
  self->rest_id = g_timeout_add (REST_MS, on_rest_cb, self);
}

static void
kith_window_show (GtkWidget *widget)
{
  KithWindow *self = KITH_WINDOW (widget);

  load_page (gtk_stack_get_visible_child (self->content_stack));

  GTK_WIDGET_CLASS (kith_window_parent_class)->show (widget);
}

static void
kith_window_realize (GtkWidget *widget)
{
  KithWindow *self = KITH_WINDOW (widget);

  GTK_WIDGET_CLASS (kith_window_parent_class)->realize (widget);

  if (self->first_paint_id == 0 && !self->pages_loaded)
    self->first_paint_id = g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                                             G_CALLBACK (on_after_paint_cb), self);
}

static void
kith_window_unrealize (GtkWidget *widget)
{
  KithWindow *self = KITH_WINDOW (widget);

  g_clear_signal_handler (&self->first_paint_id, gtk_widget_get_frame_clock (widget));
  /* A window closed but still held (a dialog of it finishing) builds and reads nothing more */
  g_clear_handle_id (&self->rest_id, g_source_remove);
  g_clear_handle_id (&self->build_id, g_source_remove);

  GTK_WIDGET_CLASS (kith_window_parent_class)->unrealize (widget);
}

static gboolean
kith_window_close_request (GtkWindow *window)
{
  KithWindow *self = KITH_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (kith_window_parent_class)->close_request (window);
}

static void
kith_window_dispose (GObject *object)
{
  KithWindow *self = (KithWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->rest_id, g_source_remove);
  g_clear_handle_id (&self->build_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_WINDOW);

  G_OBJECT_CLASS (kith_window_parent_class)->dispose (object);
}

static void
kith_window_finalize (GObject *object)
{
  KithWindow *self = (KithWindow *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->reader);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->views);
  g_clear_object (&self->names);
  g_clear_object (&self->mail);

  G_OBJECT_CLASS (kith_window_parent_class)->finalize (object);
}

static void
kith_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KithWindow *self = KITH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_NAMES:
      g_value_set_object (value, self->names);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  KithWindow *self = KITH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_window_class_init (KithWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = kith_window_dispose;
  object_class->finalize = kith_window_finalize;
  object_class->constructed = kith_window_constructed;
  object_class->get_property = kith_window_get_property;
  object_class->set_property = kith_window_set_property;
  window_class->close_request = kith_window_close_request;
  widget_class->show = kith_window_show;
  widget_class->realize = kith_window_realize;
  widget_class->unrealize = kith_window_unrealize;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* What the preset calls each kind of record: the sidebar and the profile bind it */
  properties[PROP_NAMES] = g_param_spec_object ("names", NULL, NULL, KITH_TYPE_KIND_NAMES,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KITH_TYPE_PROFILE_PAGE);
  g_type_ensure (KITH_TYPE_KIND_NAMES);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/kith-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KithWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, deals_row);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, views_list);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, profile_page);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, agenda_count);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, inbox_count);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, outbox_row);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, outbox_count);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, merges_row);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, merges_progress);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, merges_percent);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, drafts_count);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, new_section);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_open_record_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_profile_record_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_profile_deleted_cb);

  gtk_widget_class_install_action (widget_class, "win.new-record", "s", new_record_action);
  gtk_widget_class_install_action (widget_class, "win.add-record", NULL, add_record_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.add-todo", NULL, add_todo_action);
  gtk_widget_class_install_action (widget_class, "win.go", "s", go_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-content", NULL, show_content_action);
  gtk_widget_class_install_action (widget_class, "win.views-changed", NULL, views_changed_action);
  gtk_widget_class_install_action (widget_class, "win.rename-view", "x", rename_view_action);
  gtk_widget_class_install_action (widget_class, "win.remove-view", "x", remove_view_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-file", "(si)", import_file_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.new-mail-merge", NULL, kith_mail_merge_dialog_new_action);

  /* In the sidebar's order, top to bottom, as the shortcuts window lists them */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.go", "s", "agenda");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.go", "s", "inbox");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.go", "s", "people");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.go", "s", "companies");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK, "win.go", "s", "projects");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_ALT_MASK, "win.new-record", "s", "person");
  /* The window's shortcuts act on the page shown wherever the keyboard is: the window sees
   * every key its children leave, in a text field of the profile as in a list */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.add-record", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.add-todo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.add-todo", NULL);
}

static void
kith_window_init (KithWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

}

/* Where People, Companies and Deals read their searches and rows: a second, read-only
 * connection (kith_store_open_reader()) with its own lock and worker thread.
 *
 * The main loop never waits for SQLite (DESIGN.md, "Layers") either way; the question is what
 * the reads wait for. On the store's one worker a page of rows queues behind whatever write
 * holds it, a capture batch or an import, and the rows the user scrolled to stay blank until
 * it ends: 0.9 s behind a write of 10,000 people in bench/gui --while-writing, at 100,000
 * people. In WAL mode a reader sees the last commit and waits for no writer: the same rows came
 * in 0.1 s, and the first search ran beside the Agenda's instead of after it (first frame 0.33
 * s against 0.73 s). Lists are the reads that must keep up with the user's hand; writes, and
 * every other read, stay on the one worker, which keeps their order simple. Define
 * KITH_LISTS_READ_ON_WORKER to measure the other way. */
static KithStore *
open_list_reader (KithStore *store)
{
#ifdef KITH_LISTS_READ_ON_WORKER
  return g_object_ref (store);
#else
  g_autoptr(GError) error = NULL;
  KithStore *reader = kith_store_open_reader (store, &error);

  if (reader == NULL)
    {
      g_warning ("Lists read through the store's worker: %s", error->message);
      return g_object_ref (store);
    }
  return reader;
#endif
}

/* The pages are added here rather than declared in kith-window.ui. Each takes the store (the
 * list pages also the reader, the kind names, the kind and the settings) as a construct-only
 * property, and builds its models from it when constructed. The template's objects are built in
 * gtk_widget_init_template (), from kith_window_init (), before the window has its own "store":
 * a construct-only property cannot be given to a child there, and a `<binding>` or bind-source
 * sets it only after the child is constructed, which GObject refuses for construct-only
 * properties. Declaring them would mean pages whose store can be NULL and arrives later, each
 * building its models in a notify handler: the pages would be worse for it.
 *
 * Each page is built when it is first shown, and the others once the window is at rest after its
 * first frame (load_other_pages ()). Built with the window, the six pages not shown took a
 * tenth of the time to the first frame of People at 100,000 people (bench/gui): 20 ms of the
 * main thread, and the styles and sizes of their widgets after. */
static GtkWidget *
add_page (KithWindow *self,
          const char *name)
{
  if (g_str_equal (name, "agenda"))
    {
      self->agenda = KITH_AGENDA_PAGE (kith_agenda_page_new (self->store));
      g_signal_connect_object (self->agenda, "open-record", G_CALLBACK (on_open_record_cb), self, 0);
      g_signal_connect_object (self->agenda, "notify::count", G_CALLBACK (on_agenda_count_cb), self, 0);
      return GTK_WIDGET (self->agenda);
    }

  if (g_str_equal (name, "inbox"))
    {
      self->inbox = KITH_INBOX_PAGE (kith_inbox_page_new (self->store));
      g_signal_connect_object (self->inbox, "open-record", G_CALLBACK (on_open_record_cb), self, 0);
      g_signal_connect_object (self->inbox, "notify::count", G_CALLBACK (on_inbox_count_cb), self, 0);
      g_signal_connect_object (self->inbox, "record-selected", G_CALLBACK (on_inbox_record_selected_cb), self, 0);
      if (self->mail != NULL)
        kith_inbox_page_set_mail_service (self->inbox, self->mail);
      return GTK_WIDGET (self->inbox);
    }

  if (g_str_equal (name, "outbox") || g_str_equal (name, "drafts"))
    {
      gboolean outbox = g_str_equal (name, "outbox");
      KithOutgoingPage *page = KITH_OUTGOING_PAGE (kith_outgoing_page_new (self->store,
                                                                           outbox ? KITH_OUTGOING_PAGE_OUTBOX : KITH_OUTGOING_PAGE_DRAFTS,
                                                                           outbox ? _("Outbox") : _("Drafts")));

      if (outbox)
        self->outbox = page;
      else
        self->drafts = page;
      g_signal_connect_object (page, "notify::count", G_CALLBACK (on_outgoing_count_cb), self, 0);
      g_signal_connect_object (page, "edit", G_CALLBACK (on_outgoing_edit_cb), self, 0);
      return GTK_WIDGET (page);
    }

  if (g_str_equal (name, "merges"))
    {
      self->merges = KITH_MERGE_PAGE (kith_merge_page_new (self->store));
      g_signal_connect_object (self->merges, "notify::busy", G_CALLBACK (on_merges_progress_cb), self, 0);
      g_signal_connect_object (self->merges, "notify::fraction", G_CALLBACK (on_merges_progress_cb), self, 0);
      return GTK_WIDGET (self->merges);
    }

  for (KithRecordKind kind = KITH_RECORD_PERSON; kind <= KITH_RECORD_PROJECT; kind++)
    if (g_str_equal (name, list_names[kind]))
      {
        KithRecord *shown = kith_profile_page_get_record (self->profile_page);

        self->lists[kind] = KITH_LIST_PAGE (kith_list_page_new (self->store, self->reader, self->names, kind, self->settings));
        g_signal_connect_object (self->lists[kind], "record-activated", G_CALLBACK (on_record_activated_cb), self, 0);
        /* The record the profile shows, opened before this list was built */
        if (shown != NULL && kith_record_get_kind (shown) == kind)
          kith_list_page_select_record (self->lists[kind], kith_record_get_id (shown));
        return GTK_WIDGET (self->lists[kind]);
      }

  return NULL;
}

/* The page called @name, built if it was not yet; %NULL for no such page */
static GtkWidget *
ensure_page (KithWindow *self,
             const char *name)
{
  GtkWidget *page;

  /* Disposed: the stack is gone with the template */
  if (self->content_stack == NULL)
    return NULL;

  page = gtk_stack_get_child_by_name (self->content_stack, name);
  if (page != NULL)
    return page;

  page = add_page (self, name);
  if (page == NULL)
    return NULL;

  gtk_stack_add_named (self->content_stack, page, name);
  page_show_back (page, adw_leaflet_get_folded (self->leaflet));
  if (self->pages_loaded)
    load_page (page);

  return page;
}

static void
kith_window_constructed (GObject *object)
{
  KithWindow *self = KITH_WINDOW (object);

  G_OBJECT_CLASS (kith_window_parent_class)->constructed (object);

  g_return_if_fail (KITH_IS_STORE (self->store));

  self->reader = open_list_reader (self->store);
  self->names = kith_kind_names_new (self->store);
  g_object_notify_by_pspec (object, properties[PROP_NAMES]);
  /* Set here, not bound in the template: GTK 4.8 tears a binding from the window to a child
   * down twice when the window goes (a GLib warning in tests) */
  g_object_set (self->profile_page, "names", self->names, NULL);

  g_signal_connect_object (self->names, "notify::real-estate", G_CALLBACK (on_names_changed_cb), self, 0);
  name_new_deal_item (self);
  name_deals_row (self);
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_changed_cb), NULL);
  name_help_overlay (self);
  load_views (self);
  on_folded_cb (self->leaflet, NULL, self);
  kith_window_show_page (self, "agenda");
}

/**
 * kith_window_new:
 *
 * Returns: (transfer full): the main window on @store
 */
KithWindow *
kith_window_new (AdwApplication *application,
                 KithStore      *store)
{
  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  return g_object_new (KITH_TYPE_WINDOW, "application", application, "store", store, NULL);
}

void
kith_window_add_toast (KithWindow *self,
                       AdwToast   *toast)
{
  g_return_if_fail (KITH_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
kith_window_open_record (KithWindow *self,
                         gint64      id)
{
  g_return_if_fail (KITH_IS_WINDOW (self));

  show_profile (self, id);
}

/**
 * kith_window_set_mail_service:
 * @mail: (nullable): the application's mail, for the Inbox
 */
void
kith_window_set_mail_service (KithWindow      *self,
                              KithMailService *mail)
{
  g_return_if_fail (KITH_IS_WINDOW (self));

  g_set_object (&self->mail, mail);
  if (self->inbox != NULL)
    kith_inbox_page_set_mail_service (self->inbox, mail);
}

/**
 * kith_window_set_calendar_service:
 * @calendar: (nullable): the application's calendars, for Schedule Meeting on profiles
 */
void
kith_window_set_calendar_service (KithWindow          *self,
                                  KithCalendarService *calendar)
{
  g_return_if_fail (KITH_IS_WINDOW (self));

  kith_profile_page_set_calendar_service (self->profile_page, calendar);
}
