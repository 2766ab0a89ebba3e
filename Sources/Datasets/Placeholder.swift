import NeuralNet
public enum DatasetsPlaceholder {}
