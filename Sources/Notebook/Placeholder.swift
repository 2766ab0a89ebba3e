import NeuralNet
import Datasets
import Plotting
public enum NotebookPlaceholder {}
