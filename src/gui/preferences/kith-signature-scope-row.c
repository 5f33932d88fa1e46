/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithSignatureScopeRow: the signatures of one mail account or alias on Preferences → Mail —
 * which goes on new mail and which on replies (or none), each signature with Edit and Delete
 * (with Undo), and Add Signature…. The signatures are read on the store's worker, again after
 * every `changed`; writes go through the store's signature calls and are never cancelled.
 */

#define G_LOG_DOMAIN "KithSignatureScopeRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-gui-util.h"
#include "kith-list-sync.h"
#include "kith-object-util.h"
#include "kith-signature-dialog.h"
#include "kith-signature-row.h"
#include "kith-signature-scope-row.h"

struct _KithSignatureScopeRow
{
  AdwExpanderRow      parent_instance;

  AdwComboRow        *for_new_row;
  AdwComboRow        *for_replies_row;
  GtkListBox         *signatures_list;
  GtkStringList      *names;

  KithStore          *store;
  KithSignatureScope *scope;
  GListStore         *signatures;   /* KithSignature of this scope, as listed */
  gboolean            showing;      /* the choices follow what was read, not the user */
  KithSerial          reload;
  GCancellable       *cancellable;
};

G_DEFINE_FINAL_TYPE (KithSignatureScopeRow, kith_signature_scope_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SCOPE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (KithSignatureScopeRow *self);

/* The position in the choices ("None" first) of the signature with @flag set */
static guint
chosen_position (KithSignatureScopeRow *self,
                 gboolean             (*flag) (KithSignature *signature))
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->signatures)); i++)
    {
      g_autoptr(KithSignature) signature = g_list_model_get_item (G_LIST_MODEL (self->signatures), i);

      if (flag (signature))
        return i + 1;
    }
  return 0;
}

static gboolean
same_signature (gpointer item,
                gpointer other)
{
  return kith_signature_get_id (item) == kith_signature_get_id (other);
}

static void
update_signature (gpointer item,
                  gpointer from)
{
  kith_object_update (item, from, NULL);
}

/* Whether @names, after its "None", lists @strv */
static gboolean
same_names (GtkStringList *names,
            GStrv          strv)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (names));

  if (n != g_strv_length (strv) + 1)
    return FALSE;
  for (guint i = 1; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (names, i), strv[i - 1]) != 0)
      return FALSE;
  return TRUE;
}

static void
show_signatures (KithSignatureScopeRow *self,
                 GListModel            *all)
{
  const char *address = kith_signature_scope_get_address (self->scope);
  g_autoptr(GPtrArray) mine = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(KithSignature) signature = g_list_model_get_item (all, i);

      if (g_strcmp0 (kith_signature_get_address (signature), address) != 0)
        continue;
      g_strv_builder_add (names, kith_signature_get_name (signature));
      g_ptr_array_add (mine, g_steal_pointer (&signature));
    }
  strv = g_strv_builder_end (names);

  self->showing = TRUE;
  /* A signature's row stays while it does, and shows its changes */
  kith_list_store_sync (self->signatures, mine, same_signature, update_signature);
  /* "None" stays, and the names only change when they do: a choice whose item goes is moved
   * by the combo's selection to another, as if the user had chosen it */
  if (!same_names (self->names, strv))
    gtk_string_list_splice (self->names, 1, g_list_model_get_n_items (G_LIST_MODEL (self->names)) - 1,
                            (const char * const *) strv);
  adw_combo_row_set_selected (self->for_new_row, chosen_position (self, kith_signature_get_for_new));
  adw_combo_row_set_selected (self->for_replies_row, chosen_position (self, kith_signature_get_for_replies));
  self->showing = FALSE;
}

static void
on_listed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KithSignatureScopeRow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = kith_store_signatures_list_finish (KITH_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (all != NULL)
    show_signatures (self, all);
  else
    kith_widget_show_error (GTK_WIDGET (self), error->message);
  if (kith_serial_end (&self->reload))
    reload (self);
}

static void
reload (KithSignatureScopeRow *self)
{
  if (!kith_serial_begin (&self->reload))
    return;

  kith_store_signatures_list_async (self->store, kith_signature_scope_get_account (self->scope), self->cancellable,
                                    on_listed_cb, g_object_ref (self));
}

static void
on_store_changed_cb (KithStore             *store,
                     KithStoreChanges      *changes,
                     KithSignatureScopeRow *self)
{
  if (kith_store_changes_has_area (changes, KITH_STORE_AREA_SIGNATURES))
    reload (self);
}

static KithSignature *
find_signature (KithSignatureScopeRow *self,
                gint64                 id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->signatures)); i++)
    {
      g_autoptr(KithSignature) signature = g_list_model_get_item (G_LIST_MODEL (self->signatures), i);

      if (kith_signature_get_id (signature) == id)
        return g_steal_pointer (&signature);
    }
  return NULL;
}

/* Writes, which complete whether or not the row is still there */

typedef struct {
  char     *account;
  char     *address;
  gint64    id;          /* the one chosen, or 0 for none */
  gboolean  for_replies;
} Choice;

static void
choice_free (gpointer data)
{
  Choice *choice = data;

  g_free (choice->account);
  g_free (choice->address);
  g_free (choice);
}

static gboolean
save_choice (KithStore  *store,
             Choice     *choice,
             GError    **error)
{
  g_autoptr(GPtrArray) all = kith_store_signatures_list (store, choice->account, error);

  if (all == NULL)
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    {
      KithSignature *signature = all->pdata[i];
      gboolean chosen = kith_signature_get_id (signature) == choice->id;
      gboolean was = choice->for_replies ? kith_signature_get_for_replies (signature) : kith_signature_get_for_new (signature);

      if (g_strcmp0 (kith_signature_get_address (signature), choice->address) != 0 || chosen == was)
        continue;
      if (choice->for_replies)
        kith_signature_set_for_replies (signature, chosen);
      else
        kith_signature_set_for_new (signature, chosen);
      if (kith_store_signature_save (store, signature, error) == 0)
        return FALSE;
    }
  return TRUE;
}

/* One signature of the scope for new mail (or replies), the others not: in one transaction */
static gpointer
choose_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  if (!kith_store_begin (store, error))
    return NULL;
  if (!save_choice (store, data, error))
    {
      kith_store_rollback (store);
      return NULL;
    }
  return GINT_TO_POINTER (kith_store_commit (store, error));
}

static void
show_write_error (KithSignatureScopeRow *self,
                  GError                *error)
{
  if (error == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  kith_widget_show_error (GTK_WIDGET (self), error->message);
  /* The choices shown go back to what is stored */
  reload (self);
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithSignatureScopeRow) self = user_data;
  g_autoptr(GError) error = NULL;

  kith_store_run_finish (KITH_STORE (source), result, &error);
  show_write_error (self, error);
}

static void
on_deleted_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithSignatureScopeRow) self = user_data;
  g_autoptr(GError) error = NULL;

  kith_store_signature_delete_finish (KITH_STORE (source), result, &error);
  show_write_error (self, error);
}

static void
on_restored_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KithSignatureScopeRow) self = user_data;
  g_autoptr(GError) error = NULL;

  kith_store_signature_save_finish (KITH_STORE (source), result, &error);
  show_write_error (self, error);
}

static void
on_chosen_cb (AdwComboRow           *combo,
              GParamSpec            *pspec,
              KithSignatureScopeRow *self)
{
  guint selected = adw_combo_row_get_selected (combo);
  g_autoptr(KithSignature) signature = NULL;
  Choice *choice;

  if (self->showing || self->scope == NULL || selected == GTK_INVALID_LIST_POSITION ||
      selected == chosen_position (self, combo == self->for_replies_row ? kith_signature_get_for_replies
                                                                         : kith_signature_get_for_new))
    return;

  signature = selected > 0 ? g_list_model_get_item (G_LIST_MODEL (self->signatures), selected - 1) : NULL;
  choice = g_new0 (Choice, 1);
  choice->account = g_strdup (kith_signature_scope_get_account (self->scope));
  choice->address = g_strdup (kith_signature_scope_get_address (self->scope));
  choice->id = signature != NULL ? kith_signature_get_id (signature) : 0;
  choice->for_replies = combo == self->for_replies_row;
  kith_store_run_async (self->store, choose_job, choice, choice_free, NULL, NULL, on_written_cb, g_object_ref (self));
}

/* A deletion's toast: the signature as it was, for Undo */
typedef struct {
  KithSignatureScopeRow *self;
  KithSignature         *signature;
} Deleted;

static void
deleted_free (gpointer  data,
              GClosure *closure)
{
  Deleted *deleted = data;

  g_object_unref (deleted->self);
  g_object_unref (deleted->signature);
  g_free (deleted);
}

static void
on_undo_delete_cb (AdwToast *toast,
                   Deleted  *deleted)
{
  /* The signature again, as it was, under a new id */
  kith_signature_set_id (deleted->signature, 0);
  kith_store_signature_save_async (deleted->self->store, deleted->signature, on_restored_cb,
                                   g_object_ref (deleted->self));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithSignatureScopeRow *self = KITH_SIGNATURE_SCOPE_ROW (widget);
  g_autoptr(KithSignature) signature = find_signature (self, g_variant_get_int64 (parameter));
  g_autofree char *title = NULL;
  Deleted *deleted;
  AdwToast *toast;

  if (signature == NULL)
    return;

  kith_store_signature_delete_async (self->store, kith_signature_get_id (signature), on_deleted_cb,
                                     g_object_ref (self));

  title = g_strdup_printf (_("Signature “%s” deleted"), kith_signature_get_name (signature));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  deleted = g_new0 (Deleted, 1);
  deleted->self = g_object_ref (self);
  deleted->signature = g_steal_pointer (&signature);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_delete_cb), deleted, deleted_free, 0);
  kith_widget_add_toast (widget, toast);
}

static void
open_dialog (KithSignatureScopeRow *self,
             KithSignature         *signature)
{
  GtkWidget *dialog = kith_signature_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->store,
                                                 signature);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KithSignatureScopeRow *self = KITH_SIGNATURE_SCOPE_ROW (widget);
  g_autoptr(KithSignature) signature = find_signature (self, g_variant_get_int64 (parameter));

  if (signature != NULL)
    open_dialog (self, signature);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KithSignatureScopeRow *self = KITH_SIGNATURE_SCOPE_ROW (widget);
  g_autoptr(KithSignature) signature = kith_signature_new (kith_signature_scope_get_account (self->scope), NULL);

  kith_signature_set_address (signature, kith_signature_scope_get_address (self->scope));
  /* The first signature goes on new mail and replies; a later one where the user chooses it */
  kith_signature_set_for_new (signature, chosen_position (self, kith_signature_get_for_new) == 0);
  kith_signature_set_for_replies (signature, chosen_position (self, kith_signature_get_for_replies) == 0);
  open_dialog (self, signature);
}

static GtkWidget *
create_signature_row (gpointer item,
                      gpointer user_data)
{
  return kith_signature_row_new (item);
}

static void
kith_signature_scope_row_constructed (GObject *object)
{
  KithSignatureScopeRow *self = KITH_SIGNATURE_SCOPE_ROW (object);

  G_OBJECT_CLASS (kith_signature_scope_row_parent_class)->constructed (object);

  /* Bound here, not in the template (see KithSignatureRow) */
  kith_preferences_row_bind_text_title (ADW_PREFERENCES_ROW (self), self->scope, "title");
  gtk_list_box_bind_model (self->signatures_list, G_LIST_MODEL (self->signatures), create_signature_row, NULL, NULL);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
  reload (self);
}

static void
kith_signature_scope_row_dispose (GObject *object)
{
  KithSignatureScopeRow *self = KITH_SIGNATURE_SCOPE_ROW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_SIGNATURE_SCOPE_ROW);
  g_clear_object (&self->signatures);
  g_clear_object (&self->scope);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kith_signature_scope_row_parent_class)->dispose (object);
}

static void
kith_signature_scope_row_finalize (GObject *object)
{
  KithSignatureScopeRow *self = KITH_SIGNATURE_SCOPE_ROW (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kith_signature_scope_row_parent_class)->finalize (object);
}

static void
kith_signature_scope_row_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  KithSignatureScopeRow *self = KITH_SIGNATURE_SCOPE_ROW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SCOPE:
      g_value_set_object (value, self->scope);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_signature_scope_row_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  KithSignatureScopeRow *self = KITH_SIGNATURE_SCOPE_ROW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SCOPE:
      self->scope = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_signature_scope_row_class_init (KithSignatureScopeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_signature_scope_row_constructed;
  object_class->dispose = kith_signature_scope_row_dispose;
  object_class->finalize = kith_signature_scope_row_finalize;
  object_class->get_property = kith_signature_scope_row_get_property;
  object_class->set_property = kith_signature_scope_row_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCOPE] = g_param_spec_object ("scope", NULL, NULL, KITH_TYPE_SIGNATURE_SCOPE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-signature-scope-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KithSignatureScopeRow, for_new_row);
  gtk_widget_class_bind_template_child (widget_class, KithSignatureScopeRow, for_replies_row);
  gtk_widget_class_bind_template_child (widget_class, KithSignatureScopeRow, signatures_list);
  gtk_widget_class_bind_template_child (widget_class, KithSignatureScopeRow, names);
  gtk_widget_class_bind_template_callback (widget_class, on_chosen_cb);

  gtk_widget_class_install_action (widget_class, "signatures.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "signatures.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "signatures.delete", "x", delete_action);
}

static void
kith_signature_scope_row_init (KithSignatureScopeRow *self)
{
  self->signatures = g_list_store_new (KITH_TYPE_SIGNATURE);
  self->cancellable = g_cancellable_new ();
  /* The choices are set while the template is built: none of them is the user's */
  self->showing = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->showing = FALSE;
}

GtkWidget *
kith_signature_scope_row_new (KithStore          *store,
                              KithSignatureScope *scope)
{
  g_return_val_if_fail (KITH_IS_STORE (store), NULL);
  g_return_val_if_fail (KITH_IS_SIGNATURE_SCOPE (scope), NULL);

  return g_object_new (KITH_TYPE_SIGNATURE_SCOPE_ROW, "store", store, "scope", scope, NULL);
}
