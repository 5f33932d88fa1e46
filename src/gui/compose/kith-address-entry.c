/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithAddressEntry: the To, Cc or Bcc of the composer. Addresses are chips in a flow box, made
 * from a list of strings; the text typed after them becomes a chip at a comma, a semicolon, Enter,
 * Tab or when the keyboard leaves; pasted text with commas or semicolons becomes chips at once. What is typed is
 * looked up among people and companies on the store's worker (kith_store_find_addresses_async,
 * the lists' type-ahead) and offered in a popover the keyboard steers from the text: Up, Down,
 * Enter or Tab to choose, Escape to dismiss. Backspace in the empty text selects the last chip,
 * a second Backspace removes it.
 */

#define G_LOG_DOMAIN "KithAddressEntry"

#include "config.h"

#include <string.h>

#include "kith-address-chip.h"
#include "kith-address-entry.h"
#include "kith-address-match.h"
#include "kith-address-search.h"
#include "kith-synckey.h"

#define COMPLETION_DELAY_MS 150
#define COMPLETION_LIMIT    12

struct _KithAddressEntry
{
  GtkWidget           parent_instance;

  GtkFlowBox         *chips;
  GtkText            *text;
  GtkPopover         *popover;
  GtkListView        *results;
  GtkSingleSelection *selection;

  KithStore          *store;
  GListStore         *addresses;     /* GtkStringObject, one per chip */
  GCancellable       *cancellable;   /* the completion being read */
  guint               completion_id;
  gboolean            last_selected; /* Backspace selected the last chip */
  char               *invalid;       /* what get_invalid () returned for the typed text */
};

G_DEFINE_FINAL_TYPE (KithAddressEntry, kith_address_entry, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ADDRESSES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (KithAddressEntry *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESSES]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Splits @text at commas, semicolons and line ends outside quotes ("Lee, Ann" <ann@x.org>);
 * with @rest, what follows the last separator is left there instead of being a part */
static GPtrArray *
split_addresses (const char  *text,
                 char       **rest)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  const char *start = text;
  gboolean quoted = FALSE;

  for (const char *p = text;; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      if (*p != '\0' && (quoted || (*p != ',' && *p != ';' && *p != '\n' && *p != '\r')))
        continue;
      if (*p == '\0' && rest != NULL)
        {
          *rest = g_strchug (g_strdup (start));
          break;
        }

      g_ptr_array_add (parts, g_strstrip (g_strndup (start, p - start)));
      if (*(char *) g_ptr_array_index (parts, parts->len - 1) == '\0')
        g_ptr_array_remove_index (parts, parts->len - 1);
      if (*p == '\0')
        break;
      start = p + 1;
    }

  return parts;
}

static void
select_last_chip (KithAddressEntry *self,
                  gboolean          selected)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->addresses));
  GtkFlowBoxChild *child = n > 0 ? gtk_flow_box_get_child_at_index (self->chips, n - 1) : NULL;

  self->last_selected = selected && child != NULL;
  if (child != NULL)
    kith_address_chip_set_selected (KITH_ADDRESS_CHIP (gtk_flow_box_child_get_child (child)), self->last_selected);
}

static void
append_addresses (KithAddressEntry *self,
                  GPtrArray        *parts)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (parts->len == 0)
    return;
  for (guint i = 0; i < parts->len; i++)
    g_ptr_array_add (items, gtk_string_object_new (g_ptr_array_index (parts, i)));
  select_last_chip (self, FALSE);
  g_list_store_splice (self->addresses, g_list_model_get_n_items (G_LIST_MODEL (self->addresses)), 0,
                       items->pdata, items->len);
}

static void
hide_completion (KithAddressEntry *self)
{
  g_clear_handle_id (&self->completion_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_popover_popdown (self->popover);
}

/* Whatever is typed becomes chips, the text is emptied */
static void
commit_text (KithAddressEntry *self)
{
  g_autoptr(GPtrArray) parts = split_addresses (gtk_editable_get_text (GTK_EDITABLE (self->text)), NULL);

  hide_completion (self);
  if (parts->len == 0)
    return;
  append_addresses (self, parts);
  gtk_editable_set_text (GTK_EDITABLE (self->text), "");
}

static void
choose_result (KithAddressEntry *self)
{
  KithAddressMatch *match = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (match == NULL)
    return;
  g_ptr_array_add (parts, kith_address_match_dup_mailbox (match));
  hide_completion (self);
  append_addresses (self, parts);
  gtk_editable_set_text (GTK_EDITABLE (self->text), "");
}

static void
on_result_activate_cb (KithAddressEntry *self,
                       guint             position)
{
  gtk_single_selection_set_selected (self->selection, position);
  choose_result (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->text));
}

static void
on_results_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithAddressEntry) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) matches = kith_store_find_addresses_finish (KITH_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (matches == NULL)
    g_warning ("Could not look up addresses: %s", error->message);
  g_clear_object (&self->cancellable);

  gtk_single_selection_set_model (self->selection, matches);
  if (matches == NULL || g_list_model_get_n_items (matches) == 0 || !gtk_widget_has_focus (GTK_WIDGET (self->text)))
    {
      gtk_popover_popdown (self->popover);
      return;
    }
  gtk_single_selection_set_selected (self->selection, 0);
  gtk_popover_popup (self->popover);
}

static gboolean
on_completion_timeout_cb (gpointer data)
{
  KithAddressEntry *self = data;

  self->completion_id = 0;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  kith_store_find_addresses_async (self->store, gtk_editable_get_text (GTK_EDITABLE (self->text)),
                                   COMPLETION_LIMIT, self->cancellable, on_results_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static void
on_text_changed_cb (KithAddressEntry *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->text));

  select_last_chip (self, FALSE);
  hide_completion (self);
  if (self->store != NULL && !is_blank (text))
    self->completion_id = g_timeout_add (COMPLETION_DELAY_MS, on_completion_timeout_cb, self);
  emit_changed (self);
}

/* Typed or pasted text with a separator: what comes before the last one becomes chips */
static void
on_insert_text_cb (KithAddressEntry *self,
                   const char       *new_text,
                   int               length,
                   int              *position,
                   GtkEditable      *editable)
{
  const char *old = gtk_editable_get_text (editable);
  const char *at = g_utf8_offset_to_pointer (old, *position);
  g_autofree char *whole = NULL;
  g_autofree char *rest = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  int i;

  if (length < 0)
    length = strlen (new_text);
  for (i = 0; i < length && new_text[i] != '\0' && strchr (",;\n\r", new_text[i]) == NULL; i++)
    ;
  if (i == length)
    return;

  g_signal_stop_emission_by_name (editable, "insert-text");
  whole = g_strdup_printf ("%.*s%.*s%s", (int) (at - old), old, length, new_text, at);
  /* A comma typed leaves what follows it to be typed on; pasted addresses are all done */
  parts = split_addresses (whole, length == 1 ? &rest : NULL);
  if (rest == NULL)
    rest = g_strdup ("");
  append_addresses (self, parts);
  gtk_editable_set_text (editable, rest);
  *position = g_utf8_strlen (rest, -1);
}

static gboolean
move_selection (KithAddressEntry *self,
                int               delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint position = gtk_single_selection_get_selected (self->selection);

  if (n == 0)
    return FALSE;
  position = position == GTK_INVALID_LIST_POSITION ? 0 : (position + n + delta) % n;
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->results), "list.scroll-to-item", "u", position);
  return TRUE;
}

/* Backspace in the empty text: the first selects the last chip, the second removes it */
static gboolean
backspace_chip (KithAddressEntry *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->addresses));

  if (n == 0 || *gtk_editable_get_text (GTK_EDITABLE (self->text)) != '\0')
    return FALSE;
  if (!self->last_selected)
    select_last_chip (self, TRUE);
  else
    {
      self->last_selected = FALSE;
      g_list_store_remove (self->addresses, n - 1);
    }
  return TRUE;
}

static gboolean
on_key_pressed_cb (KithAddressEntry *self,
                   guint             keyval,
                   guint             keycode,
                   GdkModifierType   state)
{
  gboolean offering = gtk_widget_get_visible (GTK_WIDGET (self->popover));

  switch (keyval)
    {
    case GDK_KEY_Escape:
      if (offering)
        hide_completion (self);
      return offering;
    /* Not the flow box's: they would move the keyboard onto a chip */
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      return !offering || move_selection (self, 1);
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      return !offering || move_selection (self, -1);
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_Tab:
      if (offering)
        {
          choose_result (self);
          return TRUE;
        }
      if (*gtk_editable_get_text (GTK_EDITABLE (self->text)) == '\0')
        return FALSE;
      commit_text (self);
      /* Enter stays; Tab goes on to the next field */
      return keyval != GDK_KEY_Tab;
    case GDK_KEY_BackSpace:
      return backspace_chip (self);
    default:
      return FALSE;
    }
}

static void
on_focus_leave_cb (KithAddressEntry *self)
{
  commit_text (self);
  select_last_chip (self, FALSE);
}

static void
on_chip_remove_cb (KithAddressChip  *chip,
                   KithAddressEntry *self)
{
  GtkWidget *child = gtk_widget_get_parent (GTK_WIDGET (chip));

  g_list_store_remove (self->addresses, gtk_flow_box_child_get_index (GTK_FLOW_BOX_CHILD (child)));
  gtk_widget_grab_focus (GTK_WIDGET (self->text));
}

/* The chips follow the list of addresses, as gtk_flow_box_bind_model() would make them */
static void
on_addresses_changed_cb (GListModel       *addresses,
                         guint             position,
                         guint             removed,
                         guint             added,
                         KithAddressEntry *self)
{
  for (guint i = 0; i < removed; i++)
    gtk_flow_box_remove (self->chips, GTK_WIDGET (gtk_flow_box_get_child_at_index (self->chips, position)));
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (addresses, position + i);
      GtkWidget *chip = kith_address_chip_new (gtk_string_object_get_string (item));

      g_signal_connect_object (chip, "remove", G_CALLBACK (on_chip_remove_cb), self, 0);
      gtk_flow_box_insert (self->chips, chip, position + i);
    }

  self->last_selected = FALSE;
  emit_changed (self);
}

/* Chips wrap: how tall the field is depends on how wide it is */
static GtkSizeRequestMode
kith_address_entry_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
kith_address_entry_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  gtk_widget_measure (GTK_WIDGET (KITH_ADDRESS_ENTRY (widget)->chips), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* The popover is not laid out with the chips: it is placed below the field */
static void
kith_address_entry_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  KithAddressEntry *self = KITH_ADDRESS_ENTRY (widget);

  gtk_widget_allocate (GTK_WIDGET (self->chips), width, height, baseline, NULL);
  gtk_popover_present (self->popover);
}

static gboolean
kith_address_entry_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (KITH_ADDRESS_ENTRY (widget)->text));
}

static void
kith_address_entry_dispose (GObject *object)
{
  KithAddressEntry *self = KITH_ADDRESS_ENTRY (object);

  g_clear_handle_id (&self->completion_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_ADDRESS_ENTRY);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kith_address_entry_parent_class)->dispose (object);
}

static void
kith_address_entry_finalize (GObject *object)
{
  KithAddressEntry *self = KITH_ADDRESS_ENTRY (object);

  g_object_unref (self->addresses);
  g_free (self->invalid);

  G_OBJECT_CLASS (kith_address_entry_parent_class)->finalize (object);
}

static void
kith_address_entry_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KithAddressEntry *self = KITH_ADDRESS_ENTRY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ADDRESSES:
      g_value_take_boxed (value, kith_address_entry_get_addresses (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_address_entry_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KithAddressEntry *self = KITH_ADDRESS_ENTRY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_ADDRESSES:
      kith_address_entry_set_addresses (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_address_entry_class_init (KithAddressEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_address_entry_dispose;
  object_class->finalize = kith_address_entry_finalize;
  object_class->get_property = kith_address_entry_get_property;
  object_class->set_property = kith_address_entry_set_property;
  widget_class->get_request_mode = kith_address_entry_get_request_mode;
  widget_class->measure = kith_address_entry_measure;
  widget_class->size_allocate = kith_address_entry_size_allocate;
  widget_class->grab_focus = kith_address_entry_grab_focus;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The chips' texts, then what is typed after them: "Name <addr>" for a chosen person */
  properties[PROP_ADDRESSES] =
    g_param_spec_boxed ("addresses", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* An address was added or removed, or the text typed changed */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (KITH_TYPE_ADDRESS_MATCH);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/compose/kith-address-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, KithAddressEntry, chips);
  gtk_widget_class_bind_template_child (widget_class, KithAddressEntry, text);
  gtk_widget_class_bind_template_child (widget_class, KithAddressEntry, popover);
  gtk_widget_class_bind_template_child (widget_class, KithAddressEntry, results);
  gtk_widget_class_bind_template_child (widget_class, KithAddressEntry, selection);
  gtk_widget_class_bind_template_callback (widget_class, on_text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_focus_leave_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_result_activate_cb);
  gtk_widget_class_set_css_name (widget_class, "address-entry");
}

static void
kith_address_entry_init (KithAddressEntry *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->addresses = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  g_signal_connect (self->addresses, "items-changed", G_CALLBACK (on_addresses_changed_cb), self);
  /* Tab reaches the text itself, not the flow box's child around it */
  gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (self->text)), FALSE);
  g_signal_connect_swapped (self->text, "insert-text", G_CALLBACK (on_insert_text_cb), self);
}

GtkWidget *
kith_address_entry_new (KithStore *store)
{
  return g_object_new (KITH_TYPE_ADDRESS_ENTRY, "store", store, NULL);
}

/**
 * kith_address_entry_get_addresses:
 *
 * Returns: (transfer full): the addresses as shown on the chips, then the text being typed if
 *   any: what Send would send to
 */
GStrv
kith_address_entry_get_addresses (KithAddressEntry *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) typed = NULL;
  guint n;

  g_return_val_if_fail (KITH_IS_ADDRESS_ENTRY (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->addresses));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (self->addresses), i);

      g_strv_builder_add (builder, gtk_string_object_get_string (item));
    }
  typed = split_addresses (gtk_editable_get_text (GTK_EDITABLE (self->text)), NULL);
  for (guint i = 0; i < typed->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (typed, i));

  return g_strv_builder_end (builder);
}

/* Replaces every chip by @addresses, one address each; the typed text is emptied */
void
kith_address_entry_set_addresses (KithAddressEntry   *self,
                                  const char * const *addresses)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (KITH_IS_ADDRESS_ENTRY (self));

  for (guint i = 0; addresses != NULL && addresses[i] != NULL; i++)
    if (*addresses[i] != '\0')
      g_ptr_array_add (items, gtk_string_object_new (addresses[i]));
  hide_completion (self);
  gtk_editable_set_text (GTK_EDITABLE (self->text), "");
  g_list_store_splice (self->addresses, 0, g_list_model_get_n_items (G_LIST_MODEL (self->addresses)),
                       items->pdata, items->len);
}

/**
 * kith_address_entry_get_invalid:
 *
 * Returns: (nullable): the first address, on a chip or typed, that is not an email address;
 *   %NULL when all are. Send is blocked with it.
 */
const char *
kith_address_entry_get_invalid (KithAddressEntry *self)
{
  g_auto(GStrv) addresses = NULL;

  g_return_val_if_fail (KITH_IS_ADDRESS_ENTRY (self), NULL);

  g_clear_pointer (&self->invalid, g_free);
  addresses = kith_address_entry_get_addresses (self);
  for (guint i = 0; addresses[i] != NULL; i++)
    {
      g_autofree char *key = kith_synckey_email (addresses[i], NULL);

      if (key == NULL)
        {
          self->invalid = g_strdup (addresses[i]);
          break;
        }
    }
  return self->invalid;
}
